package dev.conveyor.messaging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;

import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.testkit.ExitWithParent;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service instance that crashes (SIGKILL: no goodbye to its consumer group) leaves its partitions to the others
 * within the consumer's session timeout, 10 s by default, not Kafka's 45 s. The same wait delays an instance started
 * in its place: the group does not rebalance while it still counts the dead member.
 */
@SpringBootTest(properties = "conveyor.messaging.consumer.concurrency=1")
@RealInfrastructure
class CrashedConsumerIT {

    /** The session timeout (10 s), a rebalance and a handling, with room for a slow machine; Kafka's default is 45 s. */
    private static final Duration TAKEOVER = Duration.ofSeconds(30);

    @Autowired
    ConsumerFactory<String, byte[]> conveyorConsumerFactory;

    @Autowired
    HandlerRegistry handlers;

    @Autowired
    TopicNames topics;

    @Autowired
    MessageBus bus;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void handsTheCrashedMembersPartitionsToTheOthersWithinTheSessionTimeout(@TempDir Path directory) throws Exception {
        Path config = directory.resolve("consumer.properties");
        Properties properties = new Properties();
        conveyorConsumerFactory.getConfigurationProperties().forEach((key, value) -> properties.put(key,
                switch (value) {
                    case Class<?> type -> type.getName();
                    case Collection<?> values -> values.stream().map(String::valueOf)
                        .collect(Collectors.joining(","));
                    default -> String.valueOf(value);
                }));
        assertThat(properties.getProperty(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo("10000");
        assertThat(properties.getProperty(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)).isEqualTo("3333");
        try (Writer writer = Files.newBufferedWriter(config)) {
            properties.store(writer, "the service's consumer configuration");
        }
        String consumed = handlers.consumedTopics().stream().map(topics::physical).collect(Collectors.joining(","));
        // The member never outlives a test run that was itself killed.
        Process member = new ProcessBuilder(ExitWithParent.command(List.of(), CrashingConsumer.class.getName(),
                config.toString(), consumed))
            .redirectErrorStream(true).start();
        try {
            CompletableFuture<String> assigned = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("crashing-consumer-output")
                .start(() -> assigned.complete(firstLineStartingWith(member, "assigned")));
            assertThat(assigned.get(120, TimeUnit.SECONDS)).as("the other member joined the group and holds partitions")
                .startsWith("assigned");
        } finally {
            member.destroyForcibly();
            assertThat(member.waitFor(30, TimeUnit.SECONDS)).as("the other member was killed").isTrue();
        }
        long killed = System.nanoTime();

        // Enough keys that every partition, the dead member's among them, gets a message.
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            UUID order = UUID.randomUUID();
            orders.add(order);
            bus.send(new ReleaseStock(order), "CRASH-" + order, UUID.randomUUID());
        }
        await().atMost(TAKEOVER).pollInterval(Duration.ofMillis(200)).until(() -> released(orders) == orders.size());
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("every partition handled again after the crash")
            .isLessThan(TAKEOVER);
    }

    private static String firstLineStartingWith(Process process, String prefix) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            Deque<String> last = new ArrayDeque<>();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                last.addLast(line);
                if (last.size() > 20) {
                    last.removeFirst();
                }
            }
            return "exited before it was assigned partitions; its last lines:\n" + String.join("\n", last);
        } catch (IOException e) {
            return "its output could not be read: " + e.getMessage();
        }
    }

    private int released(List<UUID> orders) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger WHERE order_id = ANY (?) AND effect = 'released'",
                Integer.class, (Object) orders.toArray(UUID[]::new));
    }
}

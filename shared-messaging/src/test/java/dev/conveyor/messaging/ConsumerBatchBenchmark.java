package dev.conveyor.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.events.inventory.StockReserved;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.PostgresDurability;
import dev.conveyor.testkit.TestDatabase;
import dev.conveyor.testkit.TestInfrastructure;

/**
 * Counts what handling a backlog of commands costs the database: the test application (playing inventory) consumes
 * {@code messages} ReserveStock commands that wait in Kafka, each answered with StockReserved through the outbox and
 * the relay, on a durable PostgreSQL. It prints the transactions committed in the service's database (from
 * {@code pg_stat_database.xact_commit}, the relay's included) per message, and the time from starting the consumers
 * until every answer is marked published. Not a test: run it with
 * <pre>
 * ./mvnw -B -q -pl shared-messaging -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=/tmp/conveyor-cp.txt
 * java -cp shared-messaging/target/test-classes:shared-messaging/target/classes:$(cat /tmp/conveyor-cp.txt) \
 *     [-Dmessages=2000] dev.conveyor.messaging.ConsumerBatchBenchmark
 * </pre>
 */
public final class ConsumerBatchBenchmark {

    private ConsumerBatchBenchmark() {
    }

    public static void main(String[] args) {
        int messages = Integer.getInteger("messages", 2_000);
        TestInfrastructure infrastructure = TestInfrastructure.get(PostgresDurability.DURABLE);
        String postgres = "PostgreSQL " + infrastructure.postgres().durabilitySettings().entrySet().stream()
            .map(setting -> setting.getKey() + "=" + setting.getValue()).collect(Collectors.joining(", "));
        System.out.println(postgres);
        TestDatabase database = infrastructure.createDatabase("consumer_benchmark");
        String namespace = "bench-" + UUID.randomUUID();
        Map<String, Object> properties = new HashMap<>(infrastructure.springProperties(database, namespace));
        properties.put("logging.level.root", "WARN");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
            .web(WebApplicationType.NONE)
            .properties(properties)
            .run(); MessageBus bus = MessageBus.connect(namespace)) {
            MessageListeners listeners = context.getBean(MessageListeners.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

            round(listeners, jdbc, bus, 200, "warm-up");
            round(listeners, jdbc, bus, messages, "measured");
            System.out.println(postgres);
        }
        System.exit(0);
    }

    private static void round(MessageListeners listeners, JdbcTemplate jdbc, MessageBus bus, int messages, String name) {
        listeners.stop();
        int answered = bus.received(StockReserved.class).size();
        for (int i = 0; i < messages; i++) {
            bus.send(new ReserveStock(UUID.randomUUID(), List.of(new StockLine("SKU-" + (i % 64), 1))));
        }
        int handlerTransactionsBefore = handlerTransactions(jdbc);
        // PostgreSQL reports an idle backend's counts up to 10 s late; the relay's polls and heartbeats commit while idle.
        settle();
        long idleStart = commits(jdbc);
        long idleStarted = System.nanoTime();
        settle();
        long commitsBefore = commits(jdbc);
        double idlePerSecond = (commitsBefore - idleStart - 2) / ((System.nanoTime() - idleStarted) / 1e9);
        long started = System.nanoTime();
        listeners.start();
        awaitTrue(() -> bus.received(StockReserved.class).size() - answered >= messages);
        // Each check of the outbox commits a transaction of its own: counted, and left out of the figure.
        int checks = 0;
        while (jdbc.queryForObject("SELECT count(*) FROM outbox WHERE published_at IS NULL", Integer.class) > 0) {
            checks++;
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        checks++;
        double seconds = (System.nanoTime() - started) / 1e9;
        settle();
        double window = (System.nanoTime() - started) / 1e9;
        long commits = Math.round(commits(jdbc) - commitsBefore - checks - 2 - idlePerSecond * window);
        int handlerTransactions = handlerTransactions(jdbc) - handlerTransactionsBefore;
        System.out.printf("%s: %d messages handled and answered in %.2f s (%.0f/s); %d transactions committed, %.2f per message;"
                + " the handlers' effects committed in %d transactions%n", name, messages, seconds, messages / seconds,
                commits, (double) commits / messages, handlerTransactions);
    }

    /** The transactions that wrote the ledger's rows (each row carries the id of its transaction in xmin). */
    private static int handlerTransactions(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM ledger", Integer.class);
    }

    /** The transactions committed in the database so far (this query and the snapshot reset commit one each). */
    private static long commits(JdbcTemplate jdbc) {
        jdbc.execute("SELECT pg_stat_clear_snapshot()");
        return jdbc.queryForObject("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", Long.class);
    }

    private static void settle() {
        LockSupport.parkNanos(Duration.ofSeconds(11).toNanos());
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not done within 5 minutes");
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}

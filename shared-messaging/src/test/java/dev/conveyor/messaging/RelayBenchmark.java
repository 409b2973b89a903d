package dev.conveyor.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.conveyor.events.inventory.StockAdjusted;
import dev.conveyor.testkit.PostgresDurability;
import dev.conveyor.testkit.TestDatabase;
import dev.conveyor.testkit.TestInfrastructure;

/**
 * Measures the relay on real PostgreSQL and Kafka (the testkit's): how fast it drains a backlog of committed rows,
 * and the commit-to-acknowledgement latency at a steady publishing rate. PostgreSQL runs durably (fsync,
 * synchronous_commit and full_page_writes on, as a deployment runs it, not the tests' fast settings), and the
 * benchmark prints the settings the server reports. Not a test: run it with
 * <pre>
 * ./mvnw -q -pl shared-messaging -am install -DskipTests
 * ./mvnw -q -pl shared-messaging test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.conveyor.messaging.RelayBenchmark [-Dbacklog=50000 -Drate=1000 -Dseconds=30]
 * </pre>
 */
public final class RelayBenchmark {

    private RelayBenchmark() {
    }

    public static void main(String[] args) {
        int backlog = Integer.getInteger("backlog", 50_000);
        int rate = Integer.getInteger("rate", 1_000);
        int seconds = Integer.getInteger("seconds", 30);
        TestInfrastructure infrastructure = TestInfrastructure.get(PostgresDurability.DURABLE);
        String postgres = "PostgreSQL " + infrastructure.postgres().durabilitySettings().entrySet().stream()
            .map(setting -> setting.getKey() + "=" + setting.getValue()).collect(Collectors.joining(", "));
        System.out.println(postgres);
        TestDatabase database = infrastructure.createDatabase("relay_benchmark");
        Map<String, Object> properties = new HashMap<>(infrastructure.springProperties(database, "bench-" + UUID.randomUUID()));
        properties.put("conveyor.messaging.relay.enabled", "false");
        properties.put("conveyor.messaging.consumer.enabled", "false");
        properties.put("logging.level.root", "WARN");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
            .web(WebApplicationType.NONE)
            .properties(properties)
            .run()) {
            Outbox outbox = context.getBean(Outbox.class);
            OutboxRelay relay = context.getBean(OutboxRelay.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            TransactionTemplate transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));

            // Warm-up: producer connection, topic creation, JIT.
            publish(transactions, outbox, 2_000, 500);
            relay.start();
            awaitDrained(jdbc);
            relay.stop();

            publish(transactions, outbox, backlog, 1_000);
            long started = System.nanoTime();
            relay.start();
            awaitDrained(jdbc);
            double drainSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("drain: %d rows in %.2f s = %.0f messages/s%n", backlog, drainSeconds, backlog / drainSeconds);

            jdbc.update("DELETE FROM outbox");
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            int total = rate * seconds;
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                transactions.executeWithoutResult(status -> outbox.publish(adjustment()));
            }
            double achieved = total / ((System.nanoTime() - start) / 1e9);
            awaitDrained(jdbc);
            List<Double> latency = jdbc.queryForObject("""
                    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms)
                    FROM (SELECT extract(epoch FROM published_at - created_at) * 1000 AS ms FROM outbox) latencies""",
                    (rows, i) -> List.of(rows.getDouble(1), rows.getDouble(2), rows.getDouble(3)));
            System.out.printf("steady: %d messages at %.0f/s; commit-to-marked-published latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    total, achieved, latency.get(0), latency.get(1), latency.get(2));
            relay.stop();
            System.out.println(postgres);
        }
        System.exit(0);
    }

    private static void publish(TransactionTemplate transactions, Outbox outbox, int count, int perTransaction) {
        for (int done = 0; done < count; done += perTransaction) {
            int size = Math.min(perTransaction, count - done);
            transactions.executeWithoutResult(status -> {
                for (int i = 0; i < size; i++) {
                    outbox.publish(adjustment());
                }
            });
        }
    }

    private static StockAdjusted adjustment() {
        return new StockAdjusted("SKU-" + (System.nanoTime() % 64), 10, 2, 8);
    }

    private static void awaitDrained(JdbcTemplate jdbc) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (jdbc.queryForObject("SELECT count(*) FROM outbox WHERE published_at IS NULL", Integer.class) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The relay did not drain the outbox within 5 minutes");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}

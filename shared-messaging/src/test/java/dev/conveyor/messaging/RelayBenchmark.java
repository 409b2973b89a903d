package dev.conveyor.messaging;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.conveyor.events.inventory.StockAdjusted;
import dev.conveyor.testkit.PostgresDurability;
import dev.conveyor.testkit.TestDatabase;
import dev.conveyor.testkit.TestInfrastructure;

/**
 * Measures the relay on real PostgreSQL and Kafka (the testkit's) against a baseline measured in the same run on the
 * same rows: the naive polling relay ({@link NaiveRelay}: lock 500 rows, send them, wait for every acknowledgement,
 * mark them published, commit). It reports how fast each drains a backlog of committed rows and their ratio, then the
 * relay's commit-to-acknowledgement latency at a steady publishing rate. PostgreSQL runs durably (fsync,
 * synchronous_commit and full_page_writes on, as a deployment runs it), and the benchmark prints the settings the
 * server reports and the machine's load. Not a test: see docs/benchmarks.md for the command; options
 * {@code -Dbacklog=50000 -Drounds=2 -Drate=1000 -Dseconds=30 -Dpublishers=8}, and any {@code conveyor.messaging.*}
 * setting.
 */
public final class RelayBenchmark {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private RelayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int backlog = Integer.getInteger("backlog", 50_000);
        int rounds = Integer.getInteger("rounds", 2);
        int rate = Integer.getInteger("rate", 1_000);
        int seconds = Integer.getInteger("seconds", 30);
        int publishers = Integer.getInteger("publishers", 8);
        TestInfrastructure infrastructure = TestInfrastructure.get(PostgresDurability.DURABLE);
        String postgres = "PostgreSQL " + infrastructure.postgres().durabilitySettings().entrySet().stream()
            .map(setting -> setting.getKey() + "=" + setting.getValue()).collect(Collectors.joining(", "));
        System.out.println(postgres);
        System.out.println("load average at start: " + loadAverage());
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
            OutboxStore store = context.getBean(OutboxStore.class);
            @SuppressWarnings("unchecked")
            KafkaTemplate<String, byte[]> kafka = context.getBean("conveyorKafkaTemplate", KafkaTemplate.class);
            TopicNames topics = context.getBean(TopicNames.class);
            MessagingProperties settings = context.getBean(MessagingProperties.class);
            DataSource dataSource = context.getBean(DataSource.class);
            JsonMapper json = context.getBean(MessageCodec.class).mapper();
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            TransactionTemplate transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            NaiveRelay naive = new NaiveRelay(dataSource, kafka, topics, json);
            System.out.printf("relay: batch-size %d, batches-in-flight %d; naive relay: batch %d%n", settings.relay().batchSize(),
                    settings.relay().batchesInFlight(), NaiveRelay.BATCH);

            // Warm-up of both: producer connection, topic creation, JIT.
            publish(transactions, outbox, 5_000, 500);
            jdbc.execute("CREATE TABLE bench_rows AS SELECT * FROM outbox");
            naive.drain();
            refill(jdbc);
            drain(store, kafka, topics, settings, dataSource, 5_000);

            jdbc.execute("TRUNCATE outbox, bench_rows");
            publish(transactions, outbox, backlog, 1_000);
            jdbc.update("INSERT INTO bench_rows SELECT * FROM outbox");
            double naiveTotal = 0;
            double relayTotal = 0;
            for (int round = 1; round <= rounds; round++) {
                refill(jdbc);
                long started = System.nanoTime();
                int drained = naive.drain();
                double naiveSeconds = (System.nanoTime() - started) / 1e9;
                naiveTotal += naiveSeconds;
                refill(jdbc);
                double relaySeconds = drain(store, kafka, topics, settings, dataSource, backlog);
                relayTotal += relaySeconds;
                System.out.printf("round %d: naive relay %d rows in %.2f s = %.0f msg/s; relay %d rows in %.2f s = %.0f msg/s; "
                        + "ratio %.2f (load average %s)%n", round, drained, naiveSeconds, drained / naiveSeconds, backlog,
                        relaySeconds, backlog / relaySeconds, naiveSeconds / relaySeconds, loadAverage());
            }
            System.out.printf("drain: naive relay %.0f msg/s, relay %.0f msg/s, ratio %.2f%n", backlog * rounds / naiveTotal,
                    backlog * rounds / relayTotal, naiveTotal / relayTotal);

            steady(transactions, outbox, store, kafka, topics, settings, dataSource, jdbc, rate, seconds, publishers);
            System.out.println(postgres);
            System.out.println("load average at end: " + loadAverage());
        }
        System.exit(0);
    }

    /** Starts a relay of its own on the outbox as it is, and times it until it has sent and deleted every row. */
    private static double drain(OutboxStore store, KafkaTemplate<String, byte[]> kafka, TopicNames topics,
            MessagingProperties settings, DataSource dataSource, int rows) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        OutboxRelay relay = TestRelays.relay(store, kafka, topics, settings, new MessagingMetrics(meters, store), dataSource);
        long started = System.nanoTime();
        relay.start();
        try {
            awaitPublished(meters, rows);
            return (System.nanoTime() - started) / 1e9;
        }
        finally {
            relay.stop();
        }
    }

    /**
     * Publishes one message per transaction at the given rate from several threads (a flushed commit per message
     * takes longer than the interval), and measures commit-to-acknowledgement: from the moment the commit returned to
     * the moment the producer saw the broker's acknowledgement.
     */
    private static void steady(TransactionTemplate transactions, Outbox outbox, OutboxStore store,
            KafkaTemplate<String, byte[]> kafka, TopicNames topics, MessagingProperties settings, DataSource dataSource,
            JdbcTemplate jdbc, int rate, int seconds, int publishers) throws InterruptedException {
        jdbc.execute("TRUNCATE outbox");
        Map<String, Long> committed = new ConcurrentHashMap<>();
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        kafka.setProducerListener(new ProducerListener<>() {
            @Override
            public void onSuccess(ProducerRecord<String, byte[]> record, RecordMetadata metadata) {
                acknowledged.put(record.key(), System.nanoTime());
            }
        });
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        OutboxRelay relay = TestRelays.relay(store, kafka, topics, settings, new MessagingMetrics(meters, store), dataSource);
        relay.start();
        int total = rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        AtomicInteger next = new AtomicInteger();
        String run = UUID.randomUUID().toString().substring(0, 8);
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int p = 0; p < publishers; p++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long wait = start + i * interval - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    String sku = "STEADY-" + run + "-" + i;
                    transactions.executeWithoutResult(status -> outbox.publish(new StockAdjusted(sku, 10, 2, 8)));
                    committed.put(sku, System.nanoTime());
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 600L, TimeUnit.SECONDS);
        double achieved = total / ((System.nanoTime() - start) / 1e9);
        awaitPublished(meters, total);
        relay.stop();
        kafka.setProducerListener(new ProducerListener<>() {
        });
        double[] latencies = committed.entrySet().stream()
            .mapToDouble(entry -> Math.max(0, acknowledged.getOrDefault(entry.getKey(), entry.getValue()) - entry.getValue()) / 1e6)
            .sorted().toArray();
        ValueAtPercentile[] percentiles = meters.get("conveyor.outbox.commit.to.ack").timer().takeSnapshot().percentileValues();
        System.out.printf("steady: %d messages at %.0f/s (asked %d/s, %d publishing threads, one message per transaction); "
                + "commit-to-ack p50 %.1f ms, p99 %.1f ms, max %.1f ms; conveyor.outbox.commit.to.ack (publish call to ack, "
                + "commit included) %s%n", total, achieved, rate, publishers, percentile(latencies, 0.50),
                percentile(latencies, 0.99), latencies[latencies.length - 1],
                Arrays.stream(percentiles).map(value -> "p" + Math.round(value.percentile() * 100) + " "
                        + String.format("%.1f ms", value.value(TimeUnit.MILLISECONDS))).collect(Collectors.joining(", ")));
    }

    private static double percentile(double[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    /** Puts the benchmark's rows back into an empty, vacuumed outbox, in their order, as new rows. */
    private static void refill(JdbcTemplate jdbc) {
        jdbc.execute("TRUNCATE outbox");
        jdbc.update("""
                INSERT INTO outbox (id, aggregate_type, aggregate_id, topic, message_key, ce_type, payload, headers, created_at)
                SELECT gen_random_uuid(), aggregate_type, aggregate_id, topic, message_key, ce_type, payload, headers, now()
                FROM bench_rows ORDER BY position""");
        jdbc.execute("VACUUM ANALYZE outbox");
    }

    private static void publish(TransactionTemplate transactions, Outbox outbox, int count, int perTransaction) {
        for (int done = 0; done < count; done += perTransaction) {
            int size = Math.min(perTransaction, count - done);
            transactions.executeWithoutResult(status -> {
                for (int i = 0; i < size; i++) {
                    outbox.publish(new StockAdjusted("SKU-" + (System.nanoTime() % 64), 10, 2, 8));
                }
            });
        }
    }

    private static void awaitPublished(SimpleMeterRegistry meters, int rows) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (meters.counter("conveyor.outbox.published").count() < rows) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The relay did not drain the outbox within 5 minutes");
            }
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        }
        catch (java.io.IOException ex) {
            return "unknown";
        }
    }

    /**
     * The baseline: the naive polling relay of about a hundred lines, one batch at a time. It locks the oldest 500
     * unpublished rows ({@code FOR UPDATE SKIP LOCKED}), sends them, waits for every acknowledgement, marks them
     * published and commits.
     */
    static final class NaiveRelay {

        static final int BATCH = 500;

        private final DataSource dataSource;

        private final KafkaTemplate<String, byte[]> kafka;

        private final TopicNames topics;

        private final JsonMapper json;

        NaiveRelay(DataSource dataSource, KafkaTemplate<String, byte[]> kafka, TopicNames topics, JsonMapper json) {
            this.dataSource = dataSource;
            this.kafka = kafka;
            this.topics = topics;
            this.json = json;
        }

        /** Sends every unpublished row; answers how many. */
        int drain() throws Exception {
            int total = 0;
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                while (true) {
                    List<OutboxRecord> rows = lockBatch(connection);
                    if (rows.isEmpty()) {
                        connection.commit();
                        return total;
                    }
                    List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
                    for (OutboxRecord row : rows) {
                        sends.add(kafka.send(CloudEventRecords.toProducerRecord(row, topics.physical(row.topic()))));
                    }
                    for (CompletableFuture<?> send : sends) {
                        send.get(30, TimeUnit.SECONDS);
                    }
                    try (PreparedStatement mark = connection.prepareStatement(
                            "UPDATE outbox SET published_at = now() WHERE id = ANY (?)")) {
                        Array ids = connection.createArrayOf("uuid", rows.stream().map(OutboxRecord::id).toArray());
                        mark.setArray(1, ids);
                        mark.executeUpdate();
                    }
                    connection.commit();
                    total += rows.size();
                }
            }
        }

        private List<OutboxRecord> lockBatch(Connection connection) throws Exception {
            List<OutboxRecord> rows = new ArrayList<>(BATCH);
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, aggregate_type, aggregate_id, topic, message_key, ce_type, payload::text, headers::text, created_at
                    FROM outbox WHERE published_at IS NULL ORDER BY position LIMIT ? FOR UPDATE SKIP LOCKED""")) {
                select.setInt(1, BATCH);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(new OutboxRecord(result.getObject(1, UUID.class), result.getString(2), result.getString(3),
                                result.getString(4), result.getString(5), result.getString(6), result.getString(7),
                                json.readValue(result.getString(8), HEADERS), result.getTimestamp(9).toInstant()));
                    }
                }
            }
            return rows;
        }
    }
}

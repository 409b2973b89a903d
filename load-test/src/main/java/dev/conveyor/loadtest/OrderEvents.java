package dev.conveyor.loadtest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import tools.jackson.databind.JsonNode;

/**
 * Follows {@code orders.events} from its end and hands the run's orders' events to the ledger, time-stamped on
 * arrival: the saga's latency is measured where other teams see it, not by polling the order service.
 */
class OrderEvents implements AutoCloseable {

    static final String TOPIC = "orders.events";

    private static final String TYPE_PREFIX = "dev.conveyor.order.";

    private final KafkaConsumer<String, String> consumer;

    /** How long to wait for the order service to declare its events topic. */
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(60);

    private final String customerId;

    private final Ledger ledger;

    private final Thread thread;

    private volatile boolean running = true;

    OrderEvents(String bootstrapServers, String customerId, Ledger ledger) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "load-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(config);
        this.customerId = customerId;
        this.ledger = ledger;
        this.thread = new Thread(this::run, "orders-events");
        thread.setDaemon(true);
    }

    /** Positions the consumer at the end of every partition, then follows it; returns once positioned. */
    void start() throws InterruptedException {
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // position() resolves the lazy seek now, so no event of an order placed after start() can be skipped.
        partitions.forEach(consumer::position);
        thread.start();
    }

    /**
     * The partitions of the order service's events topic, waiting for the topic to exist: on a fresh stack the order
     * service declares it when it starts, which may be a little after it answers.
     */
    private List<TopicPartition> partitions() throws InterruptedException {
        long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The topic " + TOPIC + " has no partitions after " + TOPIC_WAIT.toSeconds()
                        + " s: is the order service up, and --bootstrap-servers its broker?");
            }
            Thread.sleep(500);
        }
    }

    private void run() {
        while (running) {
            var records = consumer.poll(Duration.ofMillis(100));
            long arrival = System.nanoTime();
            for (ConsumerRecord<String, String> record : records) {
                Ledger.Event event = toEvent(record, arrival);
                if (event != null) {
                    ledger.event(event);
                }
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    private Ledger.Event toEvent(ConsumerRecord<String, String> record, long arrival) {
        Header type = record.headers().lastHeader("ce_type");
        if (type == null || record.value() == null) {
            return null;
        }
        JsonNode value = ConveyorApi.JSON.readTree(record.value());
        if (!customerId.equals(value.path("customerId").asString())) {
            return null;
        }
        return new Ledger.Event(value.path("orderId").asString(), shortType(new String(type.value(),
                StandardCharsets.UTF_8)), value.path("reason").asString(null), arrival);
    }

    /** {@code dev.conveyor.order.OrderConfirmed.v1} becomes {@code OrderConfirmed}. */
    static String shortType(String ceType) {
        String name = ceType.startsWith(TYPE_PREFIX) ? ceType.substring(TYPE_PREFIX.length()) : ceType;
        int version = name.lastIndexOf(".v");
        return version > 0 ? name.substring(0, version) : name;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}

package dev.conveyor.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.awaitility.Awaitility.await;

/** Reads a topic of a given broker from the beginning, for tests that do not use the shared broker. */
final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;

    TopicReader(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(properties);
    }

    /** The keys of the topic's records, once at least {@code atLeast} have been read. */
    List<String> keys(String topic, int atLeast, Duration timeout) {
        consumer.subscribe(List.of(topic));
        List<String> keys = new ArrayList<>();
        await().atMost(timeout).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> keys.add(record.key()));
            return keys.size() >= atLeast;
        });
        return keys;
    }

    @Override
    public void close() {
        consumer.close();
    }
}

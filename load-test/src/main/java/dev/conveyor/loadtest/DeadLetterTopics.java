package dev.conveyor.loadtest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every dead-letter topic ({@code <topic>.dlt}): their end offsets before a run, and the records written to
 * them since, with the error each one carries in its headers.
 */
final class DeadLetterTopics implements AutoCloseable {

    static final String SUFFIX = ".dlt";

    private final KafkaConsumer<String, String> consumer;

    DeadLetterTopics(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(config);
    }

    /** The end offset of every partition of every dead-letter topic now. */
    Map<TopicPartition, Long> ends() {
        List<TopicPartition> partitions = partitions();
        return partitions.isEmpty() ? Map.of() : new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
    }

    /** The dead letters written since {@code before} (a partition unknown then is read from its start), described. */
    List<String> since(Map<TopicPartition, Long> before) {
        List<TopicPartition> partitions = partitions();
        if (partitions.isEmpty()) {
            return List.of();
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        Map<TopicPartition, Long> remaining = new HashMap<>();
        consumer.assign(partitions);
        for (TopicPartition partition : partitions) {
            long from = before.getOrDefault(partition, 0L);
            if (ends.get(partition) > from) {
                consumer.seek(partition, from);
                remaining.put(partition, ends.get(partition));
            }
        }
        consumer.pause(partitions.stream().filter(p -> !remaining.containsKey(p)).toList());
        List<String> letters = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!remaining.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long end = remaining.get(partition);
                if (end == null || record.offset() >= end) {
                    continue;
                }
                letters.add(describe(record));
                if (record.offset() + 1 >= end) {
                    remaining.remove(partition);
                }
            }
        }
        remaining.forEach((partition, end) -> letters.add(partition + ": could not read up to offset " + end));
        return letters;
    }

    private List<TopicPartition> partitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.listTopics(Duration.ofSeconds(30)).forEach((topic, infos) -> {
            if (topic.endsWith(SUFFIX)) {
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
        });
        return partitions;
    }

    private static String describe(ConsumerRecord<String, String> record) {
        return "%s (key %s, %s): %s: %s".formatted(record.topic(), record.key(), header(record, "ce_type"),
                header(record, "kafka_dlt-exception-fqcn"), header(record, "kafka_dlt-exception-message"));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "-" : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}

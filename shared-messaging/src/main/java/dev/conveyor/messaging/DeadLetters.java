package dev.conveyor.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Lists the records in this service's dead-letter topics and replays one to its original topic, after the cause has
 * been fixed. A replayed message keeps its id: the inbox runs it once, however often it is replayed.
 */
public class DeadLetters {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final ConsumerFactory<String, byte[]> consumers;

    private final KafkaTemplate<String, byte[]> kafka;

    private final TopicNames topics;

    private final HandlerRegistry handlers;

    DeadLetters(ConsumerFactory<String, byte[]> consumers, KafkaTemplate<String, byte[]> kafka, TopicNames topics,
            HandlerRegistry handlers) {
        this.consumers = consumers;
        this.kafka = kafka;
        this.topics = topics;
        this.handlers = handlers;
    }

    /** Every dead letter of this service, oldest first per partition, at most {@code limit} per topic. */
    public List<DeadLetter> list(int limit) {
        List<DeadLetter> letters = new ArrayList<>();
        for (String topic : handlers.consumedTopics()) {
            read(topics.deadLetter(topic), limit).forEach(record -> letters.add(describe(record)));
        }
        return letters;
    }

    /**
     * Sends the dead letter at the given position back to the topic it came from.
     * @throws IllegalArgumentException when there is no dead letter at that position
     */
    public DeadLetter replay(String deadLetterTopic, int partition, long offset) {
        ConsumerRecord<String, byte[]> record = readOne(topics.physical(topics.logical(deadLetterTopic)), partition, offset);
        String originalTopic = header(record.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC);
        if (originalTopic == null) {
            throw new IllegalArgumentException("Record " + deadLetterTopic + "/" + partition + "@" + offset
                    + " carries no original topic: not a dead letter");
        }
        ProducerRecord<String, byte[]> replay = new ProducerRecord<>(originalTopic, null, record.key(), record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith(KafkaHeaders.PREFIX)) {
                replay.headers().add(header);
            }
        }
        try {
            kafka.send(replay).get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not replay " + deadLetterTopic + "/" + partition + "@" + offset + ": "
                    + ex.getMessage(), ex);
        }
        return describe(record);
    }

    private List<ConsumerRecord<String, byte[]>> read(String topic, int limit) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(null, "dead-letters", null, readerProperties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
            if (partitions.isEmpty()) {
                return records;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!reached(consumer, end) && records.size() < limit && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        catch (org.apache.kafka.common.errors.TimeoutException ex) {
            return records;
        }
        return records.size() > limit ? records.subList(0, limit) : records;
    }

    private ConsumerRecord<String, byte[]> readOne(String topic, int partition, long offset) {
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(null, "dead-letters", null, readerProperties())) {
            TopicPartition position = new TopicPartition(topic, partition);
            consumer.assign(List.of(position));
            consumer.seek(position, offset);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return record;
                    }
                    throw new IllegalArgumentException("No dead letter at " + topic + "/" + partition + "@" + offset);
                }
            }
        }
        throw new IllegalArgumentException("No dead letter at " + topic + "/" + partition + "@" + offset);
    }

    /** Reads by assignment, never commits: the service's consumer group is not disturbed. */
    private static Properties readerProperties() {
        Properties properties = new Properties();
        properties.put("enable.auto.commit", "false");
        return properties;
    }

    private static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }

    private DeadLetter describe(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        return new DeadLetter(topics.logical(record.topic()), record.partition(), record.offset(), record.key(),
                header(headers, "ce_type"), header(headers, "ce_id"), topics.logical(String.valueOf(header(headers,
                        KafkaHeaders.DLT_ORIGINAL_TOPIC))), header(headers, KafkaHeaders.DLT_EXCEPTION_FQCN),
                header(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE), Instant.ofEpochMilli(record.timestamp()));
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
    }

    /** One record of a dead-letter topic and why it is there. */
    public record DeadLetter(String topic, int partition, long offset, String key, String type, String id,
            String originalTopic, String exception, String reason, Instant deadLetteredAt) {
    }
}

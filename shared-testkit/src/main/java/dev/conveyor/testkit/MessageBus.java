package dev.conveyor.testkit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.conveyor.events.Message;
import dev.conveyor.events.MessageType;
import dev.conveyor.events.MessageTypes;
import tools.jackson.databind.json.JsonMapper;


/**
 * A test's view of the topics of one namespace: it sends messages as their topic's writer would (CloudEvents binary
 * mode, JSON payload, keyed like the contract says) and records everything published in the namespace, so a test
 * can stimulate a service and wait for the messages it answers with.
 * <pre>
 * try (MessageBus bus = MessageBus.connect(namespace)) {
 *     bus.send(new ReserveStock(orderId, lines));
 *     StockReserved reserved = bus.await(StockReserved.class, event -&gt; event.orderId().equals(orderId));
 * }
 * </pre>
 * What a service published, exactly ({@link #published(DataSource)}): its relay deletes an outbox row once Kafka has
 * it, so the table is no record of what was sent; the topics are. The bus waits until the relay has sent every row and
 * it has read every topic to its end, leaves out what it sent itself, and counts each message once, however often it
 * was sent (a relay sends again what it sent but had not deleted when it stopped or lost the lead).
 */
public final class MessageBus implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String prefix;

    private final KafkaProducer<String, byte[]> producer;

    private final KafkaConsumer<String, byte[]> consumer;

    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** The ids of the messages this bus sent itself: what the service under test published is everything else. */
    private final Set<String> sentIds = ConcurrentHashMap.newKeySet();

    /** Answers the topics' end offsets, on the test's thread (the poller owns {@link #consumer}). */
    private final KafkaConsumer<String, byte[]> ends;

    /** The bus consumer's position per partition after its last poll: every record before it is in {@link #received}. */
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();

    private final Thread poller;

    private volatile boolean running = true;

    private MessageBus(String namespace, String bootstrapServers) {
        this.prefix = (namespace == null || namespace.isBlank()) ? "" : namespace + ".";
        this.producer = new KafkaProducer<>(producerProperties(bootstrapServers));
        this.consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers));
        this.consumer.subscribe(Pattern.compile(Pattern.quote(prefix) + ".+"));
        this.ends = new KafkaConsumer<>(consumerProperties(bootstrapServers));
        this.poller = Thread.ofPlatform().daemon().name("message-bus-" + namespace).start(this::poll);
    }

    /** Connects to the shared broker, under the namespace the test's application uses. */
    public static MessageBus connect(String namespace) {
        return new MessageBus(namespace, TestInfrastructure.get().kafka().bootstrapServers());
    }

    /** Connects to another broker (e.g. a {@link KafkaBrokerProcess}), under a namespace (empty for none). */
    public static MessageBus connect(String bootstrapServers, String namespace) {
        return new MessageBus(namespace, bootstrapServers);
    }

    /** Sends the message with a new id; answers that id. */
    public UUID send(Message message) {
        return send(message, UUID.randomUUID());
    }

    /** Sends the message with the given id: sending the same id twice is a redelivery. */
    public UUID send(Message message, UUID id) {
        return send(message, message.partitionKey(), id);
    }

    /**
     * Sends the message with the given id under another record key than its own, to put messages of different
     * subjects on one partition in a chosen order.
     */
    public UUID send(Message message, String key, UUID id) {
        MessageType<?> type = MessageTypes.of(message.getClass());
        CloudEvent event = CloudEventBuilder.v1()
            .withId(id.toString())
            .withSource(URI.create(type.source()))
            .withType(type.ceType())
            .withSubject(message.subject())
            .withTime(OffsetDateTime.now(ZoneOffset.UTC))
            .withDataContentType("application/json")
            .withExtension("correlationid", message.subject())
            .withData(JSON.writeValueAsBytes(message))
            .build();
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.<String>createWriter(prefix + type.topic(), null, null,
                key).writeBinary(event);
        sentIds.add(id.toString());
        sendAndWait(record);
        return id;
    }

    /** Sends an arbitrary record, e.g. a poison message, to a contract topic of the namespace. */
    public void sendRaw(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(prefix + topic, key, value);
        headers.forEach((name, headerValue) -> record.headers().add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
        if (headers.get("ce_id") != null) {
            sentIds.add(headers.get("ce_id"));
        }
        sendAndWait(record);
    }

    /** Waits up to 30 seconds for a received message of the type that meets the condition, and answers it. */
    public <T extends Message> T await(Class<T> type, Predicate<? super T> condition) {
        return await(type, condition, DEFAULT_TIMEOUT);
    }

    public <T extends Message> T await(Class<T> type, Predicate<? super T> condition, Duration timeout) {
        return org.awaitility.Awaitility.await().alias("a " + type.getSimpleName() + " on the bus")
            .atMost(timeout)
            .pollInterval(Duration.ofMillis(20))
            .until(() -> received(type).stream().filter(condition).findFirst(), java.util.Optional::isPresent)
            .orElseThrow();
    }

    /** Every message of the type received so far, in arrival order. */
    public <T extends Message> List<T> received(Class<T> type) {
        String ceType = MessageTypes.of(type).ceType();
        List<T> messages = new ArrayList<>();
        for (Received record : received) {
            if (ceType.equals(record.type())) {
                messages.add(JSON.readValue(record.value(), type));
            }
        }
        return messages;
    }

    /**
     * Every message of the type received so far, each once however often it was sent (by its id), in order of first
     * arrival: after {@link #awaitRelayed(DataSource)}, exactly what the service published.
     */
    public <T extends Message> List<T> receivedOnce(Class<T> type) {
        String ceType = MessageTypes.of(type).ceType();
        return receivedOnce().stream().filter(record -> ceType.equals(record.type()))
            .map(record -> JSON.readValue(record.value(), type)).toList();
    }

    /** Every record received so far, those with the id of an earlier one left out, in order of first arrival. */
    public List<Received> receivedOnce() {
        Set<String> ids = new HashSet<>();
        return received.stream().filter(record -> record.id() == null || ids.add(record.id())).toList();
    }

    /**
     * Waits until the relay of the service that owns the database has sent every row of its outbox (it deletes a row
     * once Kafka acknowledged it; parked rows, and the rows of their keys behind them, stay), then until the bus has
     * read every topic of the namespace up to its end. After that the bus holds everything the service published.
     */
    public void awaitRelayed(DataSource database) {
        org.awaitility.Awaitility.await().alias("the outbox relayed").atMost(DEFAULT_TIMEOUT)
            .pollInterval(Duration.ofMillis(20)).until(() -> unsentRows(database) == 0);
        awaitCaughtUp();
    }

    /**
     * Everything the service that owns the database has published until now, each message once, in order of first
     * arrival: waits for {@link #awaitRelayed(DataSource)}, then answers what the bus received and did not send itself.
     */
    public List<Received> published(DataSource database) {
        awaitRelayed(database);
        return receivedOnce().stream().filter(record -> record.id() == null || !sentIds.contains(record.id())).toList();
    }

    /** What {@link #published(DataSource)} answers with the key (for most messages, the id of their order or product). */
    public List<Received> publishedWithKey(DataSource database, String key) {
        return published(database).stream().filter(record -> key.equals(record.key())).toList();
    }

    /** How many messages of the type the service that owns the database published with the key: see {@link #publishedWithKey}. */
    public int countPublished(DataSource database, String key, Class<? extends Message> type) {
        return (int) publishedWithKey(database, key).stream().filter(record -> record.is(type)).count();
    }

    /** Waits until the bus has read every topic of the namespace up to the end it has now. */
    public void awaitCaughtUp() {
        Map<TopicPartition, Long> endOffsets;
        synchronized (ends) {
            List<TopicPartition> partitions = ends.listTopics().values().stream().flatMap(List::stream)
                .filter(partition -> partition.topic().startsWith(prefix) && partition.topic().length() > prefix.length()
                        && !partition.topic().startsWith("__"))
                .map(partition -> new TopicPartition(partition.topic(), partition.partition()))
                .toList();
            endOffsets = ends.endOffsets(partitions);
        }
        org.awaitility.Awaitility.await().alias("the bus at the end of every topic").atMost(DEFAULT_TIMEOUT)
            .pollInterval(Duration.ofMillis(20))
            .until(() -> endOffsets.entrySet().stream()
                .allMatch(end -> end.getValue() == 0 || positions.getOrDefault(end.getKey(), 0L) >= end.getValue()));
    }

    private static long unsentRows(DataSource database) throws java.sql.SQLException {
        try (var connection = database.getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("""
                        SELECT count(*) FROM outbox o
                        WHERE o.published_at IS NULL AND o.parked_at IS NULL
                          AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.message_key = o.message_key AND p.position < o.position
                                          AND p.parked_at IS NOT NULL AND p.discarded_at IS NULL AND p.published_at IS NULL)""")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every record received so far on a contract topic (e.g. {@code orders.events} or {@code inventory.commands.dlt}). */
    public List<Received> receivedOn(String topic) {
        return received.stream().filter(record -> record.topic().equals(topic)).toList();
    }

    /** Every record received so far. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    private void sendAndWait(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not send to " + record.topic() + ": " + ex.getMessage(), ex);
        }
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    received.add(Received.of(record, record.topic().substring(prefix.length())));
                }
                for (TopicPartition partition : consumer.assignment()) {
                    try {
                        positions.put(partition, consumer.position(partition, Duration.ZERO));
                    }
                    catch (TimeoutException ex) {
                        // No position yet: a later poll has one.
                    }
                }
            }
        }
        catch (WakeupException ex) {
            // closing
        }
        finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(Duration.ofSeconds(5));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(2));
        synchronized (ends) {
            ends.close(Duration.ofSeconds(2));
        }
    }

    private static Properties producerProperties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return properties;
    }

    private static Properties consumerProperties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "message-bus-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 300);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }

    /**
     * One record seen on the bus.
     *
     * @param topic   the contract topic, without the namespace
     * @param type    its {@code ce_type}, or {@code null} when it has none
     * @param id      its {@code ce_id}, or {@code null}
     * @param headers every header, as text
     */
    public record Received(String topic, int partition, long offset, String key, String type, String id, byte[] value,
            Map<String, String> headers) {

        static Received of(ConsumerRecord<String, byte[]> record, String topic) {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            record.headers().forEach(header -> headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
            return new Received(topic, record.partition(), record.offset(), record.key(), headers.get("ce_type"),
                    headers.get("ce_id"), record.value(), headers);
        }

        /** Whether the record carries a message of the type. */
        public boolean is(Class<? extends Message> messageType) {
            return MessageTypes.of(messageType).ceType().equals(type);
        }

        public String valueAsString() {
            return (value != null) ? new String(value, StandardCharsets.UTF_8) : null;
        }
    }
}

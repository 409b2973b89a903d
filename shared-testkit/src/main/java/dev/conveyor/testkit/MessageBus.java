package dev.conveyor.testkit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 */
public final class MessageBus implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String prefix;

    private final KafkaProducer<String, byte[]> producer;

    private final KafkaConsumer<String, byte[]> consumer;

    private final List<Received> received = new CopyOnWriteArrayList<>();

    private final Thread poller;

    private volatile boolean running = true;

    private MessageBus(String namespace, String bootstrapServers) {
        this.prefix = (namespace == null || namespace.isBlank()) ? "" : namespace + ".";
        this.producer = new KafkaProducer<>(producerProperties(bootstrapServers));
        this.consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers));
        this.consumer.subscribe(Pattern.compile(Pattern.quote(prefix) + ".+"));
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
                message.partitionKey()).writeBinary(event);
        sendAndWait(record);
        return id;
    }

    /** Sends an arbitrary record, e.g. a poison message, to a contract topic of the namespace. */
    public void sendRaw(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(prefix + topic, key, value);
        headers.forEach((name, headerValue) -> record.headers().add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
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

        public String valueAsString() {
            return (value != null) ? new String(value, StandardCharsets.UTF_8) : null;
        }
    }
}

package dev.conveyor.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the outbox, the relay, the inbox-guarded consumers, the dead-letter handling and their metrics and health
 * into every service. A service only adds {@code classpath:db/messaging} to its Flyway locations, publishes with
 * {@link Outbox} and declares {@link MessageHandler} methods.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
        TransactionAutoConfiguration.class, KafkaAutoConfiguration.class, FlywayAutoConfiguration.class,
        MetricsAutoConfiguration.class })
@ConditionalOnClass({ KafkaTemplate.class, JdbcTemplate.class })
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    static HandlerRegistry conveyorHandlerRegistry() {
        return new HandlerRegistry();
    }

    @Bean
    TopicNames conveyorTopicNames(MessagingProperties properties) {
        return new TopicNames(properties.namespace());
    }

    @Bean
    MessageCodec conveyorMessageCodec() {
        return new MessageCodec();
    }

    @Bean
    OutboxStore conveyorOutboxStore(JdbcTemplate jdbc, MessageCodec codec) {
        return new OutboxStore(jdbc, codec.mapper());
    }

    @Bean
    InboxGuard conveyorInboxGuard(JdbcTemplate jdbc) {
        return new InboxGuard(jdbc);
    }

    @Bean
    MessagingMetrics conveyorMessagingMetrics(ObjectProvider<MeterRegistry> registry, OutboxStore store) {
        return new MessagingMetrics(registry.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new), store);
    }

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(OutboxStore store, MessageCodec codec, CommitSignal conveyorCommitSignal) {
        return new Outbox(store, codec, conveyorCommitSignal, Clock.systemUTC());
    }

    @Bean
    CommitSignal conveyorCommitSignal(OutboxStore store, ObjectProvider<OutboxRelay> relay) {
        return new CommitSignal(relay::getIfAvailable, store);
    }

    /** The relay's producer: idempotent, acks=all, so an acknowledged record is durable and never duplicated by retries. */
    @Bean
    KafkaTemplate<String, byte[]> conveyorKafkaTemplate(KafkaProperties kafka, MessagingProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long sendTimeout = properties.relay().sendTimeout().toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(sendTimeout, 10_000L));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(sendTimeout, 10_000L));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(sendTimeout, 15_000L));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(config);
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(factory);
        // The relay reports failed sends itself, once per batch, rather than one stack trace per record.
        template.setProducerListener(new ProducerListener<>() {
        });
        return template;
    }

    @Bean
    RelayWakeups conveyorRelayWakeups() {
        return new RelayWakeups();
    }

    @Bean
    RelayLeadership conveyorRelayLeadership(DataSource dataSource, RelayWakeups wakeups, MessagingProperties properties) {
        return new RelayLeadership(dataSource, wakeups::signal, properties.relay().heartbeatInterval(),
                properties.relay().leaseDuration());
    }

    @Bean
    OutboxRelay conveyorOutboxRelay(OutboxStore store, KafkaTemplate<String, byte[]> conveyorKafkaTemplate, TopicNames topics,
            MessagingProperties properties, MessagingMetrics metrics, RelayLeadership leadership, RelayWakeups wakeups) {
        return new OutboxRelay(store, conveyorKafkaTemplate, topics, properties.relay(), metrics, leadership, wakeups);
    }

    @Bean
    RetentionPurge conveyorRetentionPurge(OutboxStore store, InboxGuard inbox, MessagingProperties properties) {
        return new RetentionPurge(store, inbox, properties);
    }

    @Bean
    ConsumerFactory<String, byte[]> conveyorConsumerFactory(KafkaProperties kafka, MessagingProperties properties,
            TopicNames topics, Environment environment) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, topics.groupId(consumerName(properties, environment)));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A crashed instance's partitions, and an instance restarted in its place, wait for its session to expire.
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                Math.toIntExact(properties.consumer().sessionTimeout().toMillis()));
        // A third of the session in force, which spring.kafka.consumer.properties may have set instead.
        int session = Integer.parseInt(String.valueOf(config.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).strip());
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(1, session / 3));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new DefaultKafkaConsumerFactory<>(config);
    }

    @Bean
    MessageListeners conveyorMessageListeners(HandlerRegistry handlers, InboxGuard inbox, MessageCodec codec,
            PlatformTransactionManager transactionManager, TopicNames topics, MessagingProperties properties,
            Environment environment, MessagingMetrics metrics, ConsumerFactory<String, byte[]> conveyorConsumerFactory,
            KafkaTemplate<String, byte[]> conveyorKafkaTemplate, ObjectProvider<KafkaAdmin> kafkaAdmin,
            ObjectProvider<BatchPreparation> preparations) {
        InboxDispatcher dispatcher = new InboxDispatcher(handlers, inbox, codec, new TransactionTemplate(transactionManager),
                topics, consumerName(properties, environment), metrics, preparations.orderedStream().toList());
        return new MessageListeners(handlers, dispatcher, conveyorConsumerFactory, conveyorKafkaTemplate,
                kafkaAdmin.getIfAvailable(), topics, properties, source(properties, environment),
                metrics);
    }

    @Bean
    DeadLetters conveyorDeadLetters(ConsumerFactory<String, byte[]> conveyorConsumerFactory,
            KafkaTemplate<String, byte[]> conveyorKafkaTemplate, TopicNames topics, HandlerRegistry handlers) {
        return new DeadLetters(conveyorConsumerFactory, conveyorKafkaTemplate, topics, handlers);
    }

    @Bean
    DeadLetterEndpoint conveyorDeadLetterEndpoint(DeadLetters deadLetters) {
        return new DeadLetterEndpoint(deadLetters);
    }

    /**
     * The messaging migrations have reserved low versions ({@code V0_n}), below every service's own: a database that
     * already has a service's {@code V1} gets a later {@code V0_n} only out of order. Unless the service decides.
     */
    @Bean
    FlywayConfigurationCustomizer conveyorMessagingMigrationsOutOfOrder(Environment environment) {
        return configuration -> {
            if (!environment.containsProperty("spring.flyway.out-of-order")) {
                configuration.outOfOrder(true);
            }
        };
    }

    @Bean
    ParkedRowsEndpoint conveyorParkedRowsEndpoint(OutboxStore store, ObjectProvider<OutboxRelay> relay) {
        return new ParkedRowsEndpoint(store, () -> relay.ifAvailable(OutboxRelay::wakeUp));
    }

    @Bean
    OutboxHealthIndicator outboxHealthIndicator(MessagingMetrics metrics, OutboxRelay relay, MessagingProperties properties) {
        return new OutboxHealthIndicator(metrics, relay, properties.health().maxPendingAge());
    }

    @Bean
    MessagingBacklog conveyorMessagingBacklog(MessagingMetrics metrics, MessageListeners conveyorMessageListeners,
            KafkaHealthIndicator kafkaHealthIndicator) {
        return new MessagingBacklog(metrics, conveyorMessageListeners::consumerLag, kafkaHealthIndicator);
    }

    /** Named {@code kafka}: the readiness group of every service includes it. */
    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
        return new KafkaHealthIndicator(kafka.buildAdminProperties(), Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC());
    }

    /** The CloudEvents source of this service, which owns the topics of the message types registered with it. */
    static String source(MessagingProperties properties, Environment environment) {
        if (properties.source() != null && !properties.source().isBlank()) {
            return properties.source();
        }
        return "/" + environment.getProperty("spring.application.name", "");
    }

    static String consumerName(MessagingProperties properties, Environment environment) {
        if (properties.consumerName() != null && !properties.consumerName().isBlank()) {
            return properties.consumerName();
        }
        return environment.getRequiredProperty("spring.application.name");
    }
}

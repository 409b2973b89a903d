package dev.conveyor.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import dev.conveyor.events.MessageTypes;

/**
 * Declares the service's topics and runs its consumers, once every bean exists and so every {@link MessageHandler}
 * is known: the topics it writes, the topics it consumes and their dead-letter topics are created before the relay
 * sends anything, and one listener container subscribes to the consumed topics.
 */
class MessageListeners implements SmartInitializingSingleton, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MessageListeners.class);

    /** Kafka's default {@code max.poll.interval.ms}: five minutes. */
    private static final long DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;

    private final HandlerRegistry handlers;

    private final InboxDispatcher dispatcher;

    private final ConsumerFactory<String, byte[]> consumers;

    private final KafkaTemplate<String, byte[]> kafka;

    private final KafkaAdmin admin;

    private final TopicNames topics;

    private final MessagingProperties properties;

    private final String source;

    private final MessagingMetrics metrics;

    private volatile ConcurrentMessageListenerContainer<String, byte[]> container;

    private volatile boolean running;

    MessageListeners(HandlerRegistry handlers, InboxDispatcher dispatcher, ConsumerFactory<String, byte[]> consumers,
            KafkaTemplate<String, byte[]> kafka, KafkaAdmin admin, TopicNames topics, MessagingProperties properties,
            String source, MessagingMetrics metrics) {
        this.handlers = handlers;
        this.dispatcher = dispatcher;
        this.consumers = consumers;
        this.kafka = kafka;
        this.admin = admin;
        this.topics = topics;
        this.properties = properties;
        this.source = source;
        this.metrics = metrics;
    }

    @Override
    public void afterSingletonsInstantiated() {
        metrics.registerConsumer(handlers.handlers().stream().map(handler -> handler.type().ceType()).toList(),
                handlers.consumedTopics());
        if (!properties.topics().declare() || admin == null) {
            return;
        }
        try {
            admin.createOrModifyTopics(declaredTopics().toArray(NewTopic[]::new));
        }
        catch (RuntimeException ex) {
            log.warn("Could not declare the topics ({}); the broker will create them with its defaults", ex.getMessage());
        }
    }

    /** The topics this service writes (as the owner of their message types) and consumes, and their dead letters. */
    List<NewTopic> declaredTopics() {
        Set<String> declared = new TreeSet<>();
        declared.addAll(MessageTypes.topicsWrittenBy(source));
        declared.addAll(handlers.consumedTopics());
        List<NewTopic> newTopics = new ArrayList<>();
        declared.forEach(topic -> newTopics.add(newTopic(topics.physical(topic))));
        handlers.consumedTopics().forEach(topic -> newTopics.add(newTopic(topics.deadLetter(topic))));
        return newTopics;
    }

    private NewTopic newTopic(String name) {
        return new NewTopic(name, properties.topics().partitions(), properties.topics().replicationFactor());
    }

    @Override
    public synchronized void start() {
        Set<String> consumed = handlers.consumedTopics();
        if (properties.consumer().enabled() && !consumed.isEmpty()) {
            checkBackoffFitsThePollInterval();
            ContainerProperties settings = new ContainerProperties(consumed.stream().map(topics::physical).toArray(String[]::new));
            settings.setAckMode(ContainerProperties.AckMode.BATCH);
            settings.setMessageListener(dispatcher);
            container = new ConcurrentMessageListenerContainer<>(consumers, settings);
            container.setConcurrency(properties.consumer().concurrency());
            container.setCommonErrorHandler(errorHandler());
            container.setBeanName("conveyorListenerContainer");
            container.start();
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        if (container != null) {
            container.stop();
            container = null;
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Starts after the relay and stops before it, so that rows written by the last handlers still leave.
        return SmartLifecycle.DEFAULT_PHASE - 50;
    }

    /**
     * Records on the consumed topics that this instance's consumers have yet to fetch: the sum over their assigned
     * partitions of the lag each consumer measured at its last fetch ({@code records-lag}); zero when not consuming.
     * Reads the consumers' metrics, which are safe to read from any thread.
     */
    long consumerLag() {
        ConcurrentMessageListenerContainer<String, byte[]> current = container;
        if (current == null) {
            return 0;
        }
        long lag = 0;
        for (Map<MetricName, ? extends Metric> consumerMetrics : current.metrics().values()) {
            for (Map.Entry<MetricName, ? extends Metric> metric : consumerMetrics.entrySet()) {
                if (isPartitionLag(metric.getKey()) && metric.getValue().metricValue() instanceof Double value
                        && value > 0) {
                    lag += value.longValue();
                }
            }
        }
        return lag;
    }

    private static boolean isPartitionLag(MetricName name) {
        return "records-lag".equals(name.name()) && "consumer-fetch-manager-metrics".equals(name.group())
                && name.tags().containsKey("partition");
    }

    /**
     * Retries by what the failure is ({@link HandlerRetries}, {@link FailureClassifier}): transient ones for as long as
     * they last, the partition waiting; permanent ones not at all; others a few times. What is not retried any more goes
     * to the dead-letter topic with the error in its headers.
     */
    private DefaultErrorHandler errorHandler() {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka, (record, exception) -> {
            metrics.deadLettered(topics.logical(record.topic()));
            return new TopicPartition(topics.deadLetter(topics.logical(record.topic())), -1);
        });
        HandlerRetries retries = new HandlerRetries(properties.consumer(), metrics);
        ConsumerRecordRecoverer deadLetter = (record, failure) -> recoverer.accept(record, withoutBatchWrapper(failure));
        // The function chooses every failure's backoff; the default only has to be one that retries, since an error
        // handler whose default never retries recovers at once without asking the function.
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetter, retries.transientBackOff());
        handler.setBackOffFunction((record, exception) -> retries.backOffFor(exception));
        // FailureClassifier decides what is retried, not Spring Kafka's own list of fatal exceptions.
        handler.setClassifications(Map.of(), true);
        handler.setRetryListeners(retries);
        // After a failed record the error handler seeks the rest of the batch back by throwing; HandlerRetries has
        // already logged the failure, once, so that exception is no news.
        handler.setLogLevel(KafkaException.Level.DEBUG);
        return handler;
    }

    /**
     * The failure as a record listener would have reported it, without the {@link BatchListenerFailedException} that
     * only says which record of the batch failed: the dead letter's headers name the handler's exception as the cause.
     */
    static Exception withoutBatchWrapper(Exception failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof BatchListenerFailedException batch && batch.getCause() != null) {
                return new ListenerExecutionFailedException("Listener failed", batch.getCause());
            }
        }
        return failure;
    }

    /**
     * A consumer that waits longer than {@code max.poll.interval.ms} between two polls leaves its group, and its
     * partitions move to another consumer mid-retry: the longest wait, plus an attempt, must fit well inside it.
     */
    private void checkBackoffFitsThePollInterval() {
        Object configured = consumers.getConfigurationProperties().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        long pollInterval = (configured != null) ? Long.parseLong(configured.toString()) : DEFAULT_MAX_POLL_INTERVAL_MS;
        MessagingProperties.Consumer consumer = properties.consumer();
        long longestWait = Math.max(consumer.transientMaxBackoff().toMillis(), consumer.maxBackoff().toMillis());
        if (longestWait * 2 > pollInterval) {
            throw new IllegalStateException("conveyor.messaging.consumer.transient-max-backoff and max-backoff ("
                    + longestWait + " ms at most) must stay below half of the consumer's max.poll.interval.ms ("
                    + pollInterval + " ms), or a consumer waiting to retry would leave its group");
        }
    }
}

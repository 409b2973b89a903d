package dev.conveyor.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The Micrometer meters of the outbox, the relay and the inbox (names under {@code conveyor.}). */
class MessagingMetrics {

    private static final Duration SUMMARY_TTL = Duration.ofSeconds(1);

    private final MeterRegistry registry;

    private final OutboxStore store;

    private final Counter published;

    private final Counter publishFailures;

    private final Timer commitToAck;

    private final AtomicReference<CachedSummary> summary = new AtomicReference<>();

    // Meters by tag, built once: looking a meter up through its builder costs an allocation and a registry lookup.
    private final Map<String, Timer> handled = new ConcurrentHashMap<>();

    private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();

    private final Map<String, Counter> unknownTypes = new ConcurrentHashMap<>();

    private final Map<String, Counter> retries = new ConcurrentHashMap<>();

    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();

    MessagingMetrics(MeterRegistry registry, OutboxStore store) {
        this.registry = registry;
        this.store = store;
        this.published = Counter.builder("conveyor.outbox.published")
            .description("Outbox rows acknowledged by Kafka")
            .register(registry);
        this.publishFailures = Counter.builder("conveyor.outbox.publish.failures")
            .description("Relay batches that Kafka did not fully acknowledge")
            .register(registry);
        this.commitToAck = Timer.builder("conveyor.outbox.commit.to.ack")
            .description("Time from writing an outbox row to Kafka's acknowledgement of it")
            .publishPercentiles(0.5, 0.9, 0.99)
            .publishPercentileHistogram()
            .register(registry);
        Gauge.builder("conveyor.outbox.pending", this, metrics -> metrics.pending().count())
            .description("Outbox rows not yet acknowledged by Kafka")
            .register(registry);
        Gauge.builder("conveyor.outbox.oldest.pending.age", this, metrics -> metrics.pending().oldestAge().toMillis() / 1000.0)
            .description("Age of the oldest outbox row the relay may send and Kafka has not yet acknowledged (parked rows and rows waiting behind them do not count)")
            .baseUnit("seconds")
            .register(registry);
        Gauge.builder("conveyor.outbox.parked", this, metrics -> metrics.pending().parked())
            .description("Outbox rows the broker refused for good, set aside until an operator retries or discards them")
            .register(registry);
    }

    void published(OutboxRecord row) {
        published.increment();
        commitToAck.record(Duration.between(row.createdAt(), Instant.now()));
    }

    void publishFailed() {
        publishFailures.increment();
    }

    /**
     * Registers the consumer's meters before the first message, so that they answer from start-up (at zero) rather
     * than not at all until the first duplicate or dead letter.
     */
    void registerConsumer(Collection<String> types, Collection<String> topics) {
        types.forEach(type -> {
            handledTimer(type);
            duplicates(type);
        });
        topics.forEach(this::deadLetters);
    }

    void handled(String type, long nanos) {
        handledTimer(type).record(nanos, TimeUnit.NANOSECONDS);
    }

    void duplicateSkipped(String type) {
        duplicates(type).increment();
    }

    void unknownType(String type) {
        unknownTypes.computeIfAbsent(String.valueOf(type), tag -> Counter.builder("conveyor.inbox.unknown.types")
            .description("Messages of a type this service has no handler for")
            .tag("type", tag)
            .register(registry)).increment();
    }

    /** A failed delivery that will be retried; {@code failure} is {@code transient} or {@code unknown}. */
    void retried(String failure, String type) {
        retries.computeIfAbsent(failure + " " + type, key -> Counter.builder("conveyor.inbox.retries")
            .description("Retries of messages whose handler failed, by kind of failure")
            .tag("failure", failure)
            .tag("type", String.valueOf(type))
            .register(registry)).increment();
    }

    void deadLettered(String topic) {
        deadLetters(topic).increment();
    }

    private Timer handledTimer(String type) {
        return handled.computeIfAbsent(type, tag -> Timer.builder("conveyor.inbox.handled")
            .description("Messages handled, by type")
            .tag("type", tag)
            .register(registry));
    }

    private Counter duplicates(String type) {
        return duplicates.computeIfAbsent(type, tag -> Counter.builder("conveyor.inbox.duplicates")
            .description("Redelivered messages skipped by the inbox")
            .tag("type", tag)
            .register(registry));
    }

    private Counter deadLetters(String topic) {
        return deadLetters.computeIfAbsent(topic, tag -> Counter.builder("conveyor.messaging.dead.letters")
            .description("Messages sent to a dead-letter topic")
            .tag("topic", tag)
            .register(registry));
    }

    /** The pending summary, read from the database at most once a second however often meters are scraped. */
    OutboxStore.PendingSummary pending() {
        CachedSummary cached = summary.get();
        if (cached == null || cached.readAt().plus(SUMMARY_TTL).isBefore(Instant.now())) {
            cached = new CachedSummary(store.pending(), Instant.now());
            summary.set(cached);
        }
        return cached.value();
    }

    private record CachedSummary(OutboxStore.PendingSummary value, Instant readAt) {
    }
}

package dev.conveyor.messaging;

import java.time.Duration;
import java.time.Instant;
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
            .description("Age of the oldest outbox row not yet acknowledged by Kafka")
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

    void handled(String type, long nanos) {
        Timer.builder("conveyor.inbox.handled").description("Messages handled, by type").tag("type", type)
            .register(registry).record(Duration.ofNanos(nanos));
    }

    void duplicateSkipped(String type) {
        Counter.builder("conveyor.inbox.duplicates").description("Redelivered messages skipped by the inbox")
            .tag("type", type).register(registry).increment();
    }

    void unknownType(String type) {
        Counter.builder("conveyor.inbox.unknown.types").description("Messages of a type this service has no handler for")
            .tag("type", String.valueOf(type)).register(registry).increment();
    }

    /** A failed delivery that will be retried; {@code failure} is {@code transient} or {@code unknown}. */
    void retried(String failure, String type) {
        Counter.builder("conveyor.inbox.retries").description("Retries of messages whose handler failed, by kind of failure")
            .tag("failure", failure).tag("type", String.valueOf(type)).register(registry).increment();
    }

    void deadLettered(String topic) {
        Counter.builder("conveyor.messaging.dead.letters").description("Messages sent to a dead-letter topic")
            .tag("topic", topic).register(registry).increment();
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

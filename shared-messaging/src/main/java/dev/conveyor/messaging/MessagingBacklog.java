package dev.conveyor.messaging;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * How far this service's messaging is behind, from figures it measures anyway: the age of the oldest outbox row not
 * yet acknowledged by the broker (the outbox metrics' summary, read from the database at most once a second), the
 * records on its consumed topics that its consumers have yet to fetch (the Kafka consumers' own per-partition
 * {@code records-lag}), and whether the broker answers (the {@code kafka} health check, kept for a few seconds).
 * Cheap enough to sample every second; not meant to be asked on every request.
 */
public class MessagingBacklog {

    private final MessagingMetrics metrics;

    private final LongSupplier consumerLag;

    private final HealthIndicator broker;

    MessagingBacklog(MessagingMetrics metrics, LongSupplier consumerLag, HealthIndicator broker) {
        this.metrics = metrics;
        this.consumerLag = consumerLag;
        this.broker = broker;
    }

    /** The backlog now. */
    public Sample sample() {
        boolean brokerReachable = Status.UP.equals(broker.health().getStatus());
        return new Sample(metrics.pending().oldestAge(), consumerLag.getAsLong(), brokerReachable);
    }

    /**
     * @param oldestPendingAge how long the oldest outbox row waiting to be sent has waited (zero when none waits;
     *                         parked rows and the rows of their keys waiting behind them do not count, so that one
     *                         poison row does not stop every new order)
     * @param consumerLag      records on the consumed topics not yet fetched by this instance's consumers, as their
     *                         last fetches saw them (zero when the instance does not consume)
     * @param brokerReachable  whether the broker answered the last health check: while it does not, the outbox grows
     *                         and the lag is not measured, because of an outage rather than of load
     */
    public record Sample(Duration oldestPendingAge, long consumerLag, boolean brokerReachable) {
    }
}

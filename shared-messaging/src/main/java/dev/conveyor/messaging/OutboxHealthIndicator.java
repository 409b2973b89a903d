package dev.conveyor.messaging;

import java.time.Duration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * DOWN when the oldest unsent outbox row is older than the configured threshold: messages are not leaving. Parked rows
 * do not count as unsent (they wait for an operator), but they are reported, and the rows of their keys waiting
 * behind them do count.
 */
class OutboxHealthIndicator extends AbstractHealthIndicator {

    private final MessagingMetrics metrics;

    private final OutboxRelay relay;

    private final Duration maxPendingAge;

    OutboxHealthIndicator(MessagingMetrics metrics, OutboxRelay relay, Duration maxPendingAge) {
        super("Outbox health check failed");
        this.metrics = metrics;
        this.relay = relay;
        this.maxPendingAge = maxPendingAge;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        OutboxStore.PendingSummary pending = metrics.pending();
        builder.status(pending.oldestAge().compareTo(maxPendingAge) > 0 ? "DOWN" : "UP")
            .withDetail("pending", pending.count())
            .withDetail("oldestPendingAgeSeconds", pending.oldestAge().toSeconds())
            .withDetail("maxPendingAgeSeconds", maxPendingAge.toSeconds())
            .withDetail("parked", pending.parked())
            .withDetail("relayLeader", relay != null && relay.isLeader());
    }
}

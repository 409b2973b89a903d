package dev.conveyor.order.saga;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code sagas} health component: always UP (a business backlog is no reason to take the service out of
 * rotation), with the counts of stuck, failing and overdue sagas as details.
 */
@Component
class SagasHealthIndicator extends AbstractHealthIndicator {

    private final SagaMonitor monitor;

    SagasHealthIndicator(SagaMonitor monitor) {
        super("Saga health check failed");
        this.monitor = monitor;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SagaMonitor.Summary summary = monitor.summary();
        builder.up()
            .withDetail("stuck", summary.stuck())
            .withDetail("failing", summary.failing())
            .withDetail("overdue", summary.overdue());
    }
}

package dev.conveyor.order.saga;

import java.util.List;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/** {@code GET /actuator/sagas}: the counts and the list of stuck, failing and overdue sagas (at most 200). */
@Component
@Endpoint(id = "sagas")
class SagasEndpoint {

    private static final int LIMIT = 200;

    private final SagaMonitor monitor;

    SagasEndpoint(SagaMonitor monitor) {
        this.monitor = monitor;
    }

    @ReadOperation
    public SagasReport sagas() {
        SagaMonitor.Summary summary = monitor.summary();
        return new SagasReport(summary.stuck(), summary.failing(), summary.overdue(), monitor.needingAttention(LIMIT));
    }

    record SagasReport(long stuck, long failing, long overdue, List<SagaMonitor.SagaAttention> sagas) {
    }
}

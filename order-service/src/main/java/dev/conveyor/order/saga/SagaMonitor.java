package dev.conveyor.order.saga;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sagas that cannot progress, for operators: stuck (gave up asking), failing (handling their deadline throws) and
 * overdue (deadline passed, not yet handled). Counted as gauges ({@code conveyor.saga.stuck}, {@code .failing},
 * {@code .overdue}) and health details, listed by {@link SagasEndpoint}. Every query runs on a partial index.
 */
@Component
class SagaMonitor {

    private static final Duration SUMMARY_TTL = Duration.ofSeconds(1);

    private final JdbcClient jdbc;

    private final Clock clock;

    private final AtomicReference<CachedSummary> summary = new AtomicReference<>();

    SagaMonitor(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("conveyor.saga.stuck", this, monitor -> monitor.summary().stuck())
            .description("Sagas that gave up asking for an answer that never came; an operator should look")
            .register(registry);
        Gauge.builder("conveyor.saga.failing", this, monitor -> monitor.summary().failing())
            .description("Sagas whose deadline could not be handled; retried with backoff")
            .register(registry);
        Gauge.builder("conveyor.saga.overdue", this, monitor -> monitor.summary().overdue())
            .description("Sagas whose deadline has passed and was not handled yet")
            .register(registry);
    }

    /** The counts, read from the database at most once a second however often meters are scraped. */
    Summary summary() {
        CachedSummary cached = summary.get();
        if (cached == null || System.nanoTime() - cached.readAtNanos() > SUMMARY_TTL.toNanos()) {
            cached = new CachedSummary(readSummary(), System.nanoTime());
            summary.set(cached);
        }
        return cached.value();
    }

    /** The sagas that need a look, stuck and failing first, then the most overdue. */
    List<SagaAttention> needingAttention(int limit) {
        return jdbc.sql("""
                SELECT id, status, awaiting, waiting_since, deadline, attempts, failures, last_error, stuck_since
                FROM orders
                WHERE stuck_since IS NOT NULL OR failures > 0 OR deadline <= :now
                ORDER BY stuck_since IS NULL, failures = 0, stuck_since, deadline
                LIMIT :limit""")
            .param("now", at(clock.instant()))
            .param("limit", limit)
            .query((rs, row) -> new SagaAttention(rs.getObject("id", UUID.class),
                    rs.getString("status"), rs.getString("awaiting"),
                    condition(rs.getObject("stuck_since", OffsetDateTime.class), rs.getInt("failures")),
                    instant(rs.getObject("waiting_since", OffsetDateTime.class)),
                    instant(rs.getObject("deadline", OffsetDateTime.class)), rs.getInt("attempts"),
                    rs.getInt("failures"), rs.getString("last_error"),
                    instant(rs.getObject("stuck_since", OffsetDateTime.class))))
            .list();
    }

    private Summary readSummary() {
        return jdbc.sql("""
                SELECT (SELECT count(*) FROM orders WHERE stuck_since IS NOT NULL) AS stuck,
                       (SELECT count(*) FROM orders WHERE failures > 0) AS failing,
                       (SELECT count(*) FROM orders WHERE deadline <= :now) AS overdue""")
            .param("now", at(clock.instant()))
            .query((rs, row) -> new Summary(rs.getLong("stuck"), rs.getLong("failing"), rs.getLong("overdue")))
            .single();
    }

    private static SagaAttention.Condition condition(OffsetDateTime stuckSince, int failures) {
        if (stuckSince != null) {
            return SagaAttention.Condition.STUCK;
        }
        return failures > 0 ? SagaAttention.Condition.FAILING : SagaAttention.Condition.OVERDUE;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    /** How many sagas are stuck, failing and overdue. */
    record Summary(long stuck, long failing, long overdue) {
    }

    /**
     * A saga that needs a look: its order, where it stands, what it waits for and since when, when the scan acts next,
     * how often it asked again, how often handling its deadline failed and why, and since when it is stuck.
     */
    record SagaAttention(UUID orderId, String status, String awaiting, Condition condition, Instant waitingSince,
            Instant nextTry, int attempts, int failures, String lastError, Instant stuckSince) {

        enum Condition {
            /** It gave up asking: the answer never came after every re-send. */
            STUCK,
            /** Handling its deadline failed; it is tried again with backoff. */
            FAILING,
            /** Its deadline passed and the scan has not handled it yet. */
            OVERDUE
        }
    }

    private record CachedSummary(Summary value, long readAtNanos) {
    }
}

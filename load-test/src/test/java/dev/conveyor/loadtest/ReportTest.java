package dev.conveyor.loadtest;

import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    @Test
    void summarisesAHistogramInMilliseconds() {
        Histogram micros = Summary.histogram();
        for (int ms = 1; ms <= 100; ms++) {
            micros.recordValue(ms * 1000L);
        }

        Summary summary = Summary.of(micros);

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isEqualTo(50.0);
        assertThat(summary.p99()).isEqualTo(99.0);
        assertThat(summary.max()).isEqualTo(100.0);
        assertThat(summary.line()).isEqualTo("p50 50.0 ms, p90 90.0 ms, p99 99.0 ms, max 100 ms (100 samples)");
    }

    @Test
    void formatsLatenciesForPeople() {
        assertThat(Summary.millis(4.25)).isEqualTo("4.3 ms");
        assertThat(Summary.millis(250)).isEqualTo("250 ms");
        assertThat(Summary.millis(12_345)).isEqualTo("12.3 s");
        assertThat(Summary.of(Summary.histogram()).line()).isEqualTo("no samples");
    }

    @Test
    void roundsChartAxesUp() {
        assertThat(SvgChart.niceCeiling(0)).isEqualTo(1);
        assertThat(SvgChart.niceCeiling(73)).isEqualTo(100);
        assertThat(SvgChart.niceCeiling(130)).isEqualTo(200);
        assertThat(SvgChart.niceCeiling(0.4)).isEqualTo(0.5);
    }

    @Test
    void subtractsTimersToFindTheMeanOfEachStepDuringTheRun() {
        var before = Map.of("order\toutbox commit-to-ack", new ServiceMetrics.Timer(10, 1.0));
        var after = Map.of("order\toutbox commit-to-ack", new ServiceMetrics.Timer(110, 3.0),
                "payment\thandle AuthorizePayment", new ServiceMetrics.Timer(50, 0.5));

        assertThat(ServiceMetrics.hops(before, after)).containsExactlyInAnyOrder(
                new ServiceMetrics.Hop("order", "outbox commit-to-ack", 100, 20.0),
                new ServiceMetrics.Hop("payment", "handle AuthorizePayment", 50, 10.0));
    }

    @Test
    void shortensCloudEventTypes() {
        assertThat(OrderEvents.shortType("dev.conveyor.order.OrderConfirmed.v1")).isEqualTo("OrderConfirmed");
        assertThat(OrderEvents.shortType("ReserveStock.v1")).isEqualTo("ReserveStock");
    }

    @Test
    void rendersASelfContainedReport() {
        Latencies latencies = new Latencies();
        latencies.posted(0, 5_000);
        latencies.confirmed(0, 64_000);
        latencies.completed(0, 64_000, true);
        Summary some = latencies.confirmed();
        DatabaseDurability durable = new DatabaseDurability("on", "on", "on", "jdbc:postgresql://localhost:5432/orders",
                null);
        Result result = new Result("lt1", "2026-11-23T00:00:00Z", "open model, 1 orders/s", Options.parse(), durable,
                StackCpu.usage(Map.of("postgres", 100.0), Map.of("postgres", 350.0), 10, 1.0), 1.0, 1, 1,
                1.0, 1.0, latencies.post(), some, latencies.terminal(), Map.of("cancelled OUT_OF_STOCK", 2L), Map.of("HTTP 503", 4L), 0.1,
                Map.of("order", 3), List.of(3), List.of(new ServiceMetrics.Hop("order", "outbox commit-to-ack", 5, 2.0)),
                latencies.seconds(1), latencies.confirmedBuckets(10), List.of("order o1 is <PLACED>"));

        String html = HtmlReport.render(result);

        assertThat(html).contains("<svg", "POST to CONFIRMED", "64.0 ms", "cancelled OUT_OF_STOCK", "refused 4",
                "HTTP 503",
                "PostgreSQL fsync=on, synchronous_commit=on, full_page_writes=on (durable)",
                "CPU per order 25.0 ms (postgres 25.0) over 10 orders completed in 1.0 s",
                "order o1 is &lt;PLACED&gt;", "1 invariant(s) broken");
        assertThat(html).doesNotContain("<script", "http://cdn", "https://");
        assertThat(ConveyorApi.JSON.writeValueAsString(result)).contains("\"runId\":\"lt1\"", "\"p50\":64.0",
                "\"postgres\":{\"fsync\":\"on\",\"synchronousCommit\":\"on\",\"fullPageWrites\":\"on\"",
                "\"cpu\":{\"perOrderMs\":25.0");
        assertThat(ConveyorApi.JSON.writeValueAsString(result)).doesNotContain("postgresPassword");
    }

    @Test
    void matchesEventsThatOvertakeThePostsAnswer() {
        Ledger ledger = new Ledger("OrderConfirmed", 0);
        ledger.event(new Ledger.Event("o1", "OrderConfirmed", null, 74_000_000));

        Ledger.Entry entry = ledger.placed("o1", "SKU-A", 1, 10_000_000, 20_000_000);

        assertThat(entry.outcome).isCompletedWithValue("OrderConfirmed");
        assertThat(ledger.latencies().confirmed().p50()).isEqualTo(64.0);
        assertThat(ledger.completed()).isEqualTo(1);
    }

    @Test
    void countsCancellationsByReasonAsErrors() {
        Ledger ledger = new Ledger("OrderConfirmed", 0);
        ledger.placed("o1", "SKU-A", 1, 10, 20);
        ledger.placed("o2", "SKU-A", 1, 10, 20);
        ledger.event(new Ledger.Event("o1", "OrderCancelled", "OUT_OF_STOCK", 100));
        ledger.noteIncomplete();

        assertThat(ledger.errors()).containsEntry("cancelled OUT_OF_STOCK", 1L)
            .containsEntry("not completed within the grace period", 1L);
    }

    @Test
    void countsRefusalsApartFromErrors() {
        Ledger ledger = new Ledger("OrderConfirmed", 100);
        ledger.refused(503, 150);
        ledger.refused(503, 160);
        ledger.refused(429, 170);
        ledger.refused(503, 50);

        assertThat(ledger.refused()).containsEntry("HTTP 503", 2L).containsEntry("HTTP 429", 1L);
        assertThat(ledger.refusedCount()).isEqualTo(3);
        assertThat(ledger.errors()).isEmpty();
    }
}

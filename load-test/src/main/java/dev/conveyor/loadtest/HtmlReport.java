package dev.conveyor.loadtest;

import java.util.List;
import java.util.Map;

import static dev.conveyor.loadtest.SvgChart.escape;

/** Renders a result as one self-contained HTML page: figures, charts, errors, where the time goes, invariants. */
final class HtmlReport {

    private HtmlReport() {
    }

    static String render(Result r) {
        List<Latencies.Second> seconds = r.seconds();
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Conveyor load test %s</title>
                <style>body{font-family:system-ui,sans-serif;margin:2em;max-width:820px;color:#222}
                table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ddd;padding:4px 10px;text-align:right}
                th:first-child,td:first-child{text-align:left}.ok{color:#2a7d2a}.bad{color:#b00020}</style></head><body>
                """.formatted(escape(r.runId())));
        html.append("<h1>Conveyor load test</h1><p>Run <code>").append(escape(r.runId())).append("</code>, started ")
            .append(escape(r.startedAt())).append(": ").append(escape(r.workload())).append(".</p>");
        html.append("<p class=\"").append(r.postgres().durable() ? "ok" : "bad").append("\">")
            .append(escape(r.postgres().line())).append(".</p>");
        html.append("<p>").append(escape(r.cpu().line())).append(".</p>");
        html.append(r.passed() ? "<p class=\"ok\"><b>Every invariant holds.</b></p>"
                : "<p class=\"bad\"><b>" + r.brokenInvariants().size() + " invariant(s) broken</b> (see below).</p>");
        html.append("<h2>Figures</h2><table><tr><th></th><th>count</th><th>p50</th><th>p90</th><th>p99</th>"
                + "<th>p99.9</th><th>max</th></tr>");
        row(html, "POST /api/orders", r.post());
        row(html, "POST to CONFIRMED", r.confirmed());
        row(html, "POST to final state", r.terminal());
        html.append("</table><p>Placed ").append(r.placed()).append(" orders in ")
            .append(r.measuredSeconds()).append(" s (").append(r.placedPerSecond()).append("/s), completed ")
            .append(r.completed()).append(" (").append(r.completedPerSecond()).append("/s); refused ")
            .append(r.refusedCount()).append(" (503/429: the system past capacity, not errors). Generator lag at worst ")
            .append(r.generatorMaxLagMs()).append(" ms.</p>");
        html.append("<h2>POST-to-CONFIRMED latency over time (by second the order was sent), ms</h2>")
            .append(SvgChart.lines("latency over time", "ms", List.of("p50", "p99", "max"),
                    List.of(series(seconds, s -> s.confirmed().p50()), series(seconds, s -> s.confirmed().p99()),
                            series(seconds, s -> s.confirmed().max()))));
        html.append("<h2>Latency histogram</h2>").append(SvgChart.bars("histogram", r.confirmedHistogram()));
        html.append("<h2>Throughput, orders/s</h2>")
            .append(SvgChart.lines("throughput", "orders/s", List.of("placed", "completed"),
                    List.of(series(seconds, s -> s.placed()), series(seconds, s -> s.completed()))));
        html.append("<h2>Outbox backlog (rows waiting for Kafka, all services)</h2>")
            .append(SvgChart.lines("outbox backlog", "rows", List.of("pending"),
                    List.of(r.outboxPendingBySecond().stream().mapToDouble(Integer::doubleValue).toArray())));
        table(html, "Largest outbox backlog per service", "service", "rows", r.maxOutboxPending());
        table(html, "Refused (503/429, with Retry-After), by status", "status", "count", r.refused());
        table(html, "Errors by kind", "kind", "count", r.errors());
        html.append("<h2>Where the time goes (means over the run, from the services' metrics)</h2>")
            .append("<table><tr><th>service</th><th>step</th><th>count</th><th>mean ms</th></tr>");
        for (ServiceMetrics.Hop hop : r.hops()) {
            html.append("<tr><td>").append(escape(hop.service())).append("</td><td>").append(escape(hop.step()))
                .append("</td><td>").append(hop.count()).append("</td><td>").append(hop.meanMs()).append("</td></tr>");
        }
        html.append("</table><h2>Invariants</h2><ul>");
        if (r.passed()) {
            html.append("<li class=\"ok\">every order final, stock adds up, at most one payment per order, "
                    + "captured only when shipped</li>");
        }
        r.brokenInvariants().stream().limit(200)
            .forEach(b -> html.append("<li class=\"bad\">").append(escape(b)).append("</li>"));
        return html.append("</ul></body></html>\n").toString();
    }

    private static void row(StringBuilder html, String name, Summary s) {
        html.append("<tr><td>").append(name).append("</td><td>").append(s.count()).append("</td>");
        for (double v : new double[] {s.p50(), s.p90(), s.p99(), s.p999(), s.max()}) {
            html.append("<td>").append(Summary.millis(v)).append("</td>");
        }
        html.append("</tr>");
    }

    private static <V> void table(StringBuilder html, String title, String key, String value, Map<String, V> rows) {
        html.append("<h2>").append(title).append("</h2>");
        if (rows.isEmpty()) {
            html.append("<p>none</p>");
            return;
        }
        html.append("<table><tr><th>").append(key).append("</th><th>").append(value).append("</th></tr>");
        rows.forEach((k, v) -> html.append("<tr><td>").append(escape(k)).append("</td><td>").append(v)
            .append("</td></tr>"));
        html.append("</table>");
    }

    private static double[] series(List<Latencies.Second> seconds, java.util.function.ToDoubleFunction<Latencies.Second> f) {
        return seconds.stream().mapToDouble(f).toArray();
    }
}

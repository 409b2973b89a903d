package dev.conveyor.loadtest;

import java.util.Map;

import static dev.conveyor.loadtest.SvgChart.escape;

/** Renders a chaos run as one self-contained HTML page: verdict, settings, one row per kill, orders, invariants. */
final class ChaosReport {

    private ChaosReport() {
    }

    static String render(ChaosResult r) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Conveyor chaos run %s</title>
                <style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1000px;color:#222}
                table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ddd;padding:4px 10px;text-align:right}
                th:first-child,td:first-child,td.text{text-align:left}.ok{color:#2a7d2a}.bad{color:#b00020}</style></head><body>
                """.formatted(escape(r.runId())));
        html.append("<h1>Conveyor chaos run</h1><p>Run <code>").append(escape(r.runId())).append("</code>, started ")
            .append(escape(r.startedAt())).append(": ").append(escape(r.settings())).append(".</p>");
        html.append(r.passed() ? "<p class=\"ok\"><b>PASSED</b>: every kill recovered within its bound and every "
                + "invariant holds.</p>" : "<p class=\"bad\"><b>FAILED</b></p><ul>");
        if (!r.passed()) {
            r.failures().forEach(f -> html.append("<li class=\"bad\">").append(escape(f)).append("</li>"));
            html.append("</ul>");
        }
        html.append("<h2>PostgreSQL</h2><p class=\"").append(r.durable() ? "ok" : "bad").append("\">");
        r.postgresSettings().forEach((k, v) -> html.append(escape(k)).append('=').append(escape(v)).append(' '));
        html.append(r.durable() ? "(durable)" : "(NOT durable: acknowledged commits may be lost in a crash)")
            .append("</p>");
        html.append("<h2>Kills</h2><p>Recovery is the time from the component being up again (the launcher's "
                + "<code>start</code> returned and it answers) to the first order sent after the kill reaching "
                + "DELIVERED on <code>orders.events</code>.</p><table><tr><th>component</th><th>round</th>"
                + "<th>killed at</th><th>pid</th><th>down</th><th>restart</th><th>recovery</th><th>bound</th>"
                + "<th>verdict</th><th>note</th></tr>");
        for (KillOutcome k : r.kills()) {
            html.append("<tr><td>").append(escape(k.component())).append("</td><td>").append(k.round())
                .append("</td><td>").append(k.atSeconds()).append(" s</td><td>").append(k.pid()).append("</td><td>")
                .append(seconds(k.downtimeMs())).append("</td><td>").append(seconds(k.restartMs())).append("</td><td>")
                .append(k.recoveryMs() == null ? "none" : seconds(k.recoveryMs())).append("</td><td>")
                .append(seconds(k.boundMs())).append("</td><td class=\"").append(k.passed() ? "ok" : "bad")
                .append("\">").append(k.verdict()).append("</td><td class=\"text\">")
                .append(escape(k.note() == null ? "" : k.note())).append("</td></tr>");
        }
        r.skipped().forEach(s -> html.append("<tr><td colspan=\"10\" class=\"bad text\">not done: ").append(escape(s))
            .append("</td></tr>"));
        html.append("</table><h2>Orders</h2><p>").append(r.accepted()).append(" accepted (201), ")
            .append(r.delivered()).append(" delivered; ").append(r.createdWithoutAnswer())
            .append(" created without a 201 (checked like the others). All final and every invariant holding ")
            .append(r.finalAfterLastRestart() == null ? "<b class=\"bad\">not</b> within " + (long) r.graceSeconds()
                    + " s of the last restart" : r.finalAfterLastRestart() + " s after the last restart")
            .append(".</p>");
        table(html, "Cancelled, by reason", r.cancelled());
        table(html, "Refused POSTs (no 201: not a promise)", r.refused());
        table(html, "Other errors of the run's clients", r.otherErrors());
        html.append("<h2>Invariants</h2><ul>");
        if (r.brokenInvariants().isEmpty()) {
            html.append("<li class=\"ok\">every 201 order exists and is final, stock is conserved per product, every "
                    + "payment belongs to an order, at most one capture per order, no authorisation left on a final "
                    + "order, no dead letter written</li>");
        }
        r.brokenInvariants().stream().limit(200)
            .forEach(b -> html.append("<li class=\"bad\">").append(escape(b)).append("</li>"));
        return html.append("</ul></body></html>\n").toString();
    }

    private static String seconds(long millis) {
        return "%.1f s".formatted(millis / 1000.0);
    }

    private static void table(StringBuilder html, String title, Map<String, Long> rows) {
        html.append("<h3>").append(title).append("</h3>");
        if (rows.isEmpty()) {
            html.append("<p>none</p>");
            return;
        }
        html.append("<table><tr><th>kind</th><th>count</th></tr>");
        rows.forEach((k, v) -> html.append("<tr><td>").append(escape(k)).append("</td><td>").append(v)
            .append("</td></tr>"));
        html.append("</table>");
    }
}

package dev.conveyor.loadtest;

import java.util.List;
import java.util.Locale;

/** Inline SVG charts, so the report is one file that opens anywhere without scripts or network. */
final class SvgChart {

    private static final int WIDTH = 760;

    private static final int HEIGHT = 260;

    private static final int LEFT = 60;

    private static final int BOTTOM = 30;

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#7f7f7f", "#2ca02c"};

    private SvgChart() {
    }

    /** Lines over the seconds of the run, one per series, sharing the y axis. */
    static String lines(String title, String unit, List<String> names, List<double[]> series) {
        int points = series.stream().mapToInt(s -> s.length).max().orElse(0);
        double top = niceCeiling(series.stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(1));
        StringBuilder svg = open(title, top, unit);
        for (int s = 0; s < series.size(); s++) {
            StringBuilder path = new StringBuilder();
            double[] values = series.get(s);
            for (int i = 0; i < values.length; i++) {
                path.append(i == 0 ? "M" : "L").append(fmt(x(i, points))).append(',').append(fmt(y(values[i], top)));
            }
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(COLOURS[s % 4])
                .append("\" stroke-width=\"1.5\"/>");
            svg.append("<text x=\"").append(LEFT + 10 + s * 120).append("\" y=\"14\" fill=\"").append(COLOURS[s % 4])
                .append("\" font-size=\"12\">").append(escape(names.get(s))).append("</text>");
        }
        axisLabel(svg, "second of the measured window (0 .. " + Math.max(0, points - 1) + ")");
        return svg.append("</svg>").toString();
    }

    /** Bars for (upper bound, count) buckets. */
    static String bars(String title, List<long[]> buckets) {
        double top = niceCeiling(buckets.stream().mapToLong(b -> b[1]).max().orElse(1));
        StringBuilder svg = open(title, top, "orders");
        double width = (WIDTH - LEFT - 10.0) / Math.max(1, buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            double y = y(buckets.get(i)[1], top);
            svg.append("<rect x=\"").append(fmt(LEFT + i * width + 1)).append("\" y=\"").append(fmt(y))
                .append("\" width=\"").append(fmt(width - 2)).append("\" height=\"")
                .append(fmt(HEIGHT - BOTTOM - y)).append("\" fill=\"#1f77b4\"><title>&le; ")
                .append(buckets.get(i)[0]).append(" ms: ").append(buckets.get(i)[1]).append("</title></rect>");
            if (i % Math.max(1, buckets.size() / 8) == 0 || i == buckets.size() - 1) {
                svg.append("<text x=\"").append(fmt(LEFT + (i + 1) * width)).append("\" y=\"").append(HEIGHT - 15)
                    .append("\" font-size=\"10\" text-anchor=\"middle\">").append(buckets.get(i)[0]).append("</text>");
            }
        }
        axisLabel(svg, "POST-to-CONFIRMED latency, ms (bucket upper bounds)");
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title, double top, String unit) {
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH
                + "\" height=\"" + HEIGHT + "\" role=\"img\" aria-label=\"" + escape(title) + "\">");
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"20\" width=\"").append(WIDTH - LEFT - 10)
            .append("\" height=\"").append(HEIGHT - BOTTOM - 20).append("\" fill=\"#fafafa\" stroke=\"#ccc\"/>");
        for (int tick = 0; tick <= 4; tick++) {
            double value = top * tick / 4;
            double y = y(value, top);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - 10).append("\" y1=\"")
                .append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#e5e5e5\"/>");
            svg.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(fmt(y + 4))
                .append("\" font-size=\"10\" text-anchor=\"end\">").append(fmt(value)).append("</text>");
        }
        svg.append("<text x=\"4\" y=\"14\" font-size=\"11\">").append(escape(unit)).append("</text>");
        return svg;
    }

    private static void axisLabel(StringBuilder svg, String label) {
        svg.append("<text x=\"").append(LEFT + (WIDTH - LEFT) / 2).append("\" y=\"").append(HEIGHT - 2)
            .append("\" font-size=\"11\" text-anchor=\"middle\">").append(escape(label)).append("</text>");
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above {@code value}: round axis ticks. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static double x(int index, int points) {
        return LEFT + (WIDTH - LEFT - 10.0) * (points <= 1 ? 0 : index / (double) (points - 1));
    }

    private static double y(double value, double top) {
        return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - 20.0) * Math.min(value, top) / top;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, value == Math.rint(value) ? "%.0f" : "%.1f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

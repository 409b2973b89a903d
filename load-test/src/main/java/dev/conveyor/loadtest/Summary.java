package dev.conveyor.loadtest;

import org.HdrHistogram.Histogram;

/** Percentiles of one latency histogram (recorded in microseconds), in milliseconds. */
record Summary(long count, double p50, double p90, double p99, double p999, double max, double mean) {

    static Histogram histogram() {
        // One hour at three significant digits: a stuck order still lands in the histogram instead of failing it.
        return new Histogram(3_600_000_000L, 3);
    }

    static Summary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Summary(0, 0, 0, 0, 0, 0, 0);
        }
        return new Summary(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()), round(micros.getMean() / 1000.0));
    }

    /** "p50 12.3 ms, p90 ..., p99 ..., max ..." for the console. */
    String line() {
        return count == 0 ? "no samples"
                : "p50 %s, p90 %s, p99 %s, max %s (%d samples)".formatted(millis(p50), millis(p90), millis(p99),
                        millis(max), count);
    }

    /** A latency for people: milliseconds below ten seconds, seconds above. */
    static String millis(double ms) {
        if (ms >= 10_000) {
            return "%.1f s".formatted(ms / 1000);
        }
        return ms >= 100 ? "%.0f ms".formatted(ms) : "%.1f ms".formatted(ms);
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}

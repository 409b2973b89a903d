package dev.conveyor.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

/**
 * The measured window's latencies: POST, POST-to-CONFIRMED and POST-to-final-state histograms, and per second of the
 * run the POST-to-CONFIRMED percentiles and the orders placed and completed, for the charts.
 */
class Latencies {

    /** One second of the measured window. */
    record Second(int second, long placed, long completed, Summary confirmed) {
    }

    private final Histogram post = Summary.histogram();

    private final Histogram confirmed = Summary.histogram();

    private final Histogram terminal = Summary.histogram();

    private final TreeMap<Integer, Histogram> confirmedBySecond = new TreeMap<>();

    private final TreeMap<Integer, long[]> countsBySecond = new TreeMap<>();

    synchronized void posted(int second, long micros) {
        post.recordValue(micros);
        counts(second)[0]++;
    }

    synchronized void confirmed(int sentSecond, long micros) {
        confirmed.recordValue(micros);
        confirmedBySecond.computeIfAbsent(sentSecond, s -> Summary.histogram()).recordValue(micros);
    }

    synchronized void completed(int completedSecond, long micros, boolean measured) {
        if (measured) {
            terminal.recordValue(micros);
        }
        if (completedSecond >= 0) {
            counts(completedSecond)[1]++;
        }
    }

    synchronized Summary post() {
        return Summary.of(post);
    }

    synchronized Summary confirmed() {
        return Summary.of(confirmed);
    }

    synchronized Summary terminal() {
        return Summary.of(terminal);
    }

    /** The confirmed latencies as (upper bound in ms, count) buckets of equal width, for the histogram chart. */
    synchronized List<long[]> confirmedBuckets(int buckets) {
        List<long[]> result = new ArrayList<>();
        if (confirmed.getTotalCount() == 0) {
            return result;
        }
        long top = Math.max(confirmed.getValueAtPercentile(99.9), 1000);
        long width = Math.max(1, top / buckets);
        long seen = 0;
        for (int i = 1; i <= buckets; i++) {
            long upper = i == buckets ? confirmed.getMaxValue() : i * width;
            long below = countUpTo(upper);
            result.add(new long[] {Math.round(upper / 1000.0), below - seen});
            seen = below;
        }
        return result;
    }

    private long countUpTo(long micros) {
        return micros >= confirmed.getMaxValue() ? confirmed.getTotalCount()
                : confirmed.getCountBetweenValues(0, micros);
    }

    synchronized List<Second> seconds(int upTo) {
        List<Second> result = new ArrayList<>();
        for (int s = 0; s < upTo; s++) {
            long[] counts = countsBySecond.getOrDefault(s, new long[2]);
            Histogram h = confirmedBySecond.get(s);
            result.add(new Second(s, counts[0], counts[1], h == null ? Summary.of(Summary.histogram()) : Summary.of(h)));
        }
        return result;
    }

    private long[] counts(int second) {
        return countsBySecond.computeIfAbsent(second, s -> new long[2]);
    }
}

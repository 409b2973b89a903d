package dev.conveyor.loadtest;

/**
 * When the open model sends each order: at evenly spaced instants, so a slow answer never delays the next order
 * and latency is measured from the intended send time (no coordinated omission).
 */
record Schedule(int ratePerSecond) {

    Schedule {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
    }

    /** Nanoseconds from the start of the run at which order number {@code index} (from 0) is due. */
    long dueNanos(long index) {
        // Computed from the index rather than accumulated, so rounding never drifts over a long run.
        return Math.round(index * 1_000_000_000d / ratePerSecond);
    }

    /** How many orders are due in the first {@code elapsedNanos} of the run. */
    long dueBy(long elapsedNanos) {
        return elapsedNanos < 0 ? 0 : elapsedNanos * ratePerSecond / 1_000_000_000L + 1;
    }
}

package dev.conveyor.loadtest;

/**
 * What one kill of a chaos run did: when, how long the component was down, how long it took to start again, and
 * how long after that the next order completed, with the verdict against the component's bound.
 *
 * @param atSeconds  when the kill happened, in seconds from the start of the load
 * @param downtimeMs from the kill to the moment the component was started again
 * @param restartMs  from that start to the moment the launcher reported it up (port open, or healthy)
 * @param recoveryMs from the component being up again to the completion (DELIVERED on orders.events) of the first
 *                   order sent after the kill; null when none completed within the wait
 */
record KillOutcome(int round, String component, long pid, double atSeconds, long downtimeMs, long restartMs,
        Long recoveryMs, long boundMs, Verdict verdict, String note) {

    enum Verdict {
        /** The next order completed within the bound. */
        RECOVERED,
        /** The next order completed, but later than the bound. */
        SLOW,
        /** The component came back, but no order sent after the kill completed within the wait. */
        NOT_RECOVERED,
        /** The component did not come back after `conveyor start`. */
        NOT_RESTARTED,
        /** The component was not running, or would not die. */
        NOT_KILLED
    }

    static Verdict verdict(boolean killed, boolean restarted, Long recoveryMs, long boundMs) {
        if (!killed) {
            return Verdict.NOT_KILLED;
        }
        if (!restarted) {
            return Verdict.NOT_RESTARTED;
        }
        if (recoveryMs == null) {
            return Verdict.NOT_RECOVERED;
        }
        return recoveryMs <= boundMs ? Verdict.RECOVERED : Verdict.SLOW;
    }

    boolean passed() {
        return verdict == Verdict.RECOVERED;
    }

    /** One line for the console and the report. */
    String line() {
        return "%-17s round %d  killed at %6.1f s (pid %d)  down %5.1f s  restart %5.1f s  next completed order %s  %s%s"
            .formatted(component, round, atSeconds, pid, downtimeMs / 1000.0, restartMs / 1000.0,
                    recoveryMs == null ? "none" : "%.1f s".formatted(recoveryMs / 1000.0),
                    verdict == Verdict.RECOVERED || verdict == Verdict.SLOW
                            ? verdict + " (bound %d s)".formatted(boundMs / 1000) : verdict,
                    note == null || note.isEmpty() ? "" : " - " + note);
    }
}

package dev.conveyor.loadtest;

import java.util.List;
import java.util.Map;

/**
 * Everything a chaos run did and found: written as result.json and rendered as report.html.
 *
 * @param postgresSettings      the durability settings PostgreSQL ran with
 * @param accepted              orders that got a 201: the system's promises
 * @param refused               POSTs that failed, by kind (expected while a component is down; not promises)
 * @param createdWithoutAnswer  orders the order service holds though their POST got no 201 (it timed out or the
 *                              connection broke after the commit): checked like the accepted ones
 * @param delivered             accepted orders that reached DELIVERED; cancelled ones are the rest
 * @param finalAfterLastRestart seconds from the last restart until every order was final and every invariant held;
 *                              null when that never happened within the grace period
 */
record ChaosResult(String runId, String startedAt, String settings, long seed, Map<String, String> postgresSettings,
        boolean durable, List<KillOutcome> kills, List<String> skipped, long accepted, Map<String, Long> refused,
        long createdWithoutAnswer, long delivered, Map<String, Long> cancelled, Map<String, Long> otherErrors,
        Double finalAfterLastRestart, double graceSeconds, List<String> brokenInvariants, double runSeconds) {

    boolean passed() {
        return durable && brokenInvariants.isEmpty() && skipped.isEmpty() && kills.stream().allMatch(KillOutcome::passed);
    }

    /** Why the run failed, one reason a line; empty when it passed. */
    List<String> failures() {
        List<String> failures = new java.util.ArrayList<>();
        if (!durable) {
            failures.add("PostgreSQL ran without durable commits " + postgresSettings);
        }
        kills.stream().filter(k -> !k.passed()).forEach(k -> failures.add(k.component() + " (round " + k.round()
                + "): " + k.verdict() + (k.recoveryMs() == null ? "" : " (next completed order %.1f s after the restart, bound %d s)"
                    .formatted(k.recoveryMs() / 1000.0, k.boundMs() / 1000))
                + (k.note() == null || k.note().isEmpty() ? "" : ": " + k.note())));
        if (!skipped.isEmpty()) {
            failures.add(skipped.size() + " planned kill(s) not done: " + String.join(", ", skipped));
        }
        if (!brokenInvariants.isEmpty()) {
            failures.add(brokenInvariants.size() + " invariant(s) broken");
        }
        return failures;
    }
}

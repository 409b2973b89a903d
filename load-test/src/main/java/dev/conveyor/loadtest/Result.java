package dev.conveyor.loadtest;

import java.util.List;
import java.util.Map;

/**
 * Everything a run measured and checked: written as result.json and rendered as report.html.
 *
 * @param postgres the durability settings of the system's PostgreSQL during the run
 * @param cpu      the CPU the stack's processes spent per completed order during the measured window
 * @param refused  measured POSTs the system refused for now (503 or 429 with Retry-After), by status: not errors
 */
record Result(String runId, String startedAt, String workload, Options options, DatabaseDurability postgres,
        StackCpu.Usage cpu, double measuredSeconds,
        long placed, long completed, double placedPerSecond, double completedPerSecond, Summary post,
        Summary confirmed, Summary terminal, Map<String, Long> errors, Map<String, Long> refused,
        double generatorMaxLagMs,
        Map<String, Integer> maxOutboxPending, List<Integer> outboxPendingBySecond, List<ServiceMetrics.Hop> hops,
        List<Latencies.Second> seconds, List<long[]> confirmedHistogram, List<String> brokenInvariants) {

    long refusedCount() {
        return refused.values().stream().mapToLong(Long::longValue).sum();
    }

    boolean passed() {
        return brokenInvariants.isEmpty();
    }
}

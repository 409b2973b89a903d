package dev.conveyor.loadtest;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.conveyor.loadtest.KillOutcome.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

class ChaosResultTest {

    private static final Map<String, String> DURABLE = Map.of("fsync", "on", "synchronous_commit", "on");

    @Test
    void passesWhenEveryKillRecoveredWithinItsBoundAndEveryInvariantHolds() {
        ChaosResult result = result(true, List.of(kill("kafka", 4_000L, Verdict.RECOVERED)), List.of(), List.of());

        assertThat(result.passed()).isTrue();
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void failsOnASlowRecoveryAndSaysByHowMuch() {
        ChaosResult result = result(true, List.of(kill("kafka", 35_800L, Verdict.SLOW)), List.of(), List.of());

        assertThat(result.passed()).isFalse();
        assertThat(result.failures()).containsExactly(
                "kafka (round 1): SLOW (next completed order 35.8 s after the restart, bound 10 s)");
    }

    @Test
    void failsOnANonDurableDatabaseSkippedKillsAndBrokenInvariants() {
        ChaosResult result = result(false, List.of(), List.of("postgres (round 1)"), List.of("order o1 is PLACED"));

        assertThat(result.passed()).isFalse();
        assertThat(result.failures()).hasSize(3)
            .anySatisfy(f -> assertThat(f).startsWith("PostgreSQL ran without durable commits"))
            .contains("1 planned kill(s) not done: postgres (round 1)", "1 invariant(s) broken");
    }

    private static KillOutcome kill(String component, Long recoveryMs, Verdict verdict) {
        return new KillOutcome(1, component, 42, 10, 5_000, 3_000, recoveryMs, 10_000, verdict, "");
    }

    private static ChaosResult result(boolean durable, List<KillOutcome> kills, List<String> skipped,
            List<String> broken) {
        return new ChaosResult("chaos1", "now", "settings", 1, DURABLE, durable, kills, skipped, 10, Map.of(), 0, 10,
                Map.of(), Map.of(), 1.0, 60, broken, 100);
    }
}

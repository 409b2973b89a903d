package dev.conveyor.loadtest;

import org.junit.jupiter.api.Test;

import dev.conveyor.loadtest.KillOutcome.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

class KillOutcomeTest {

    @Test
    void recoveredWhenTheNextOrderCompletesWithinTheBound() {
        assertThat(KillOutcome.verdict(true, true, 10_000L, 10_000)).isEqualTo(Verdict.RECOVERED);
        assertThat(KillOutcome.verdict(true, true, 0L, 10_000)).isEqualTo(Verdict.RECOVERED);
    }

    @Test
    void slowWhenTheNextOrderCompletesAfterTheBound() {
        assertThat(KillOutcome.verdict(true, true, 10_001L, 10_000)).isEqualTo(Verdict.SLOW);
    }

    @Test
    void notRecoveredWhenNoOrderCompletesAfterTheRestart() {
        assertThat(KillOutcome.verdict(true, true, null, 10_000)).isEqualTo(Verdict.NOT_RECOVERED);
    }

    @Test
    void notRestartedWinsOverEverythingButAFailedKill() {
        assertThat(KillOutcome.verdict(true, false, null, 10_000)).isEqualTo(Verdict.NOT_RESTARTED);
        assertThat(KillOutcome.verdict(false, false, null, 10_000)).isEqualTo(Verdict.NOT_KILLED);
    }

    @Test
    void onlyARecoveryWithinTheBoundPasses() {
        assertThat(outcome(Verdict.RECOVERED).passed()).isTrue();
        for (Verdict verdict : new Verdict[] {Verdict.SLOW, Verdict.NOT_RECOVERED, Verdict.NOT_RESTARTED,
                Verdict.NOT_KILLED}) {
            assertThat(outcome(verdict).passed()).as(verdict.name()).isFalse();
        }
    }

    @Test
    void printsTheTimingsAndTheVerdictOnOneLine() {
        KillOutcome kafka = new KillOutcome(2, "kafka", 4242, 61.3, 5_012, 3_480, 1_250L, 10_000, Verdict.RECOVERED, "");

        assertThat(kafka.line()).isEqualTo("kafka             round 2  killed at   61.3 s (pid 4242)  down   5.0 s  "
                + "restart   3.5 s  next completed order 1.3 s  RECOVERED (bound 10 s)");
    }

    private static KillOutcome outcome(Verdict verdict) {
        return new KillOutcome(1, "order-service", 1, 1, 1, 1, 1L, 1, verdict, null);
    }
}

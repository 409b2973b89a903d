package dev.conveyor.loadtest;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChaosOptionsTest {

    @Test
    void killsEveryComponentTwiceByDefault() {
        ChaosOptions options = ChaosOptions.parse("--seed", "5");

        assertThat(options.components()).isEqualTo(KillPlan.COMPONENTS);
        assertThat(options.rounds()).isEqualTo(2);
        assertThat(options.rate()).isEqualTo(6);
        assertThat(options.seed()).isEqualTo(5);
        assertThat(options.boundFor("kafka")).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.boundFor("postgres")).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.grace()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.allowNonDurable()).isFalse();
    }

    @Test
    void theShortRunKillsEachComponentOnceWithShorterPauses() {
        ChaosOptions options = ChaosOptions.parse("--short");

        assertThat(options.rounds()).isEqualTo(1);
        assertThat(options.downtime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.rate()).isEqualTo(4);
    }

    @Test
    void explicitValuesWinOverTheShortRunsDefaults() {
        ChaosOptions options = ChaosOptions.parse("--short", "--rounds=2", "--components", "kafka, order-service",
                "--broker-bound", "5s", "--postgres-port", "35432", "--local-dir", "/tmp/stack");

        assertThat(options.rounds()).isEqualTo(2);
        assertThat(options.components()).isEqualTo(List.of("kafka", "order-service"));
        assertThat(options.boundFor("kafka")).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.postgresPort()).isEqualTo(35432);
        assertThat(options.localDir()).hasToString("/tmp/stack");
    }

    @Test
    void theLoadIsShippedAtTheRateAndWaitsAsLongAsAnOrderMayTake() {
        Options load = ChaosOptions.parse("--rate", "7", "--order-url", "http://localhost:38081").load();

        assertThat(load.rate()).isEqualTo(7);
        assertThat(load.ship()).isTrue();
        assertThat(load.warmup()).isZero();
        assertThat(load.orderUrl()).isEqualTo("http://localhost:38081");
        assertThat(load.grace()).isEqualTo(Duration.ofSeconds(120 + 60 + 5));
    }

    @Test
    void refusesUnknownComponentsAndArguments() {
        assertThatThrownBy(() -> ChaosOptions.parse("--components", "redis"))
            .hasMessageContaining("unknown component 'redis'");
        assertThatThrownBy(() -> ChaosOptions.parse("--fast")).hasMessage("unknown argument --fast");
        assertThatThrownBy(() -> ChaosOptions.parse("--rounds", "0")).hasMessage("--rounds must be positive");
    }
}

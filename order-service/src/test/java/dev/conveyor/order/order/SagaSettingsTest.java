package dev.conveyor.order.order;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SagaSettingsTest {

    private final SagaSettings settings = new SagaSettings(Duration.ofMinutes(5), Duration.ofMinutes(6),
            Duration.ofMinutes(10), Duration.ofMinutes(15), 3, Duration.ofSeconds(30), Duration.ofHours(1),
            Duration.ofSeconds(5), 100);

    @Test
    void eachStepHasItsOwnTimeout() {
        assertThat(settings.timeout(Step.STOCK)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.timeout(Step.PAYMENT)).isEqualTo(Duration.ofMinutes(6));
        assertThat(settings.timeout(Step.SHIPMENT)).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.timeout(Step.SHIPMENT_CANCELLATION)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void doublesTheWaitAfterEachResendUpToTheLongestWait() {
        assertThat(settings.resendWait(Step.SHIPMENT, 1)).isEqualTo(Duration.ofMinutes(20));
        assertThat(settings.resendWait(Step.SHIPMENT, 2)).isEqualTo(Duration.ofMinutes(40));
        assertThat(settings.resendWait(Step.SHIPMENT, 3)).isEqualTo(Duration.ofHours(1));
        assertThat(settings.resendWait(Step.SHIPMENT, 500)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void backsOffAfterEachFailureInARowUpToTheLongestWait() {
        assertThat(settings.failureWait(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.failureWait(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.failureWait(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(settings.failureWait(10_000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void refusesANegativeResendLimit() {
        assertThatThrownBy(() -> new SagaSettings(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(10),
                Duration.ofMinutes(10), -1, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(5), 100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesATimeoutThatWouldExpireAtOnce() {
        assertThatThrownBy(() -> new SagaSettings(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ZERO,
                Duration.ofMinutes(10), 3, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(5), 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shipment-timeout");
    }
}

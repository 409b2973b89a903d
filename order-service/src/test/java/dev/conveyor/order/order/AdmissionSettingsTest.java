package dev.conveyor.order.order;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.conveyor.messaging.MessagingBacklog.Sample;
import dev.conveyor.order.order.AdmissionSettings.Backlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdmissionSettingsTest {

    private final AdmissionSettings settings = new AdmissionSettings(true, Duration.ofSeconds(3), 1000,
            Duration.ofSeconds(2), Duration.ofMillis(500));

    @Test
    void admitsWhileBothBacklogsAreWithinTheirBounds() {
        assertThat(settings.refusal(new Sample(Duration.ofSeconds(3), 1000, true))).isEmpty();
    }

    @Test
    void refusesOnceTheOldestOutboxRowIsOlderThanItsBound() {
        assertThat(settings.refusal(new Sample(Duration.ofMillis(3001), 0, true))).contains(Backlog.OUTBOX_AGE);
    }

    @Test
    void refusesOnceTheConsumersLagMoreRecordsThanTheirBound() {
        assertThat(settings.refusal(new Sample(Duration.ZERO, 1001, true))).contains(Backlog.CONSUMER_LAG);
    }

    @Test
    void takesOrdersWhileTheBrokerIsUnreachableHoweverLongTheOutboxWaits() {
        assertThat(settings.refusal(new Sample(Duration.ofMinutes(10), 50_000, false))).isEmpty();
    }

    @Test
    void neverRefusesWhenDisabled() {
        AdmissionSettings disabled = new AdmissionSettings(false, Duration.ofSeconds(3), 1000, Duration.ofSeconds(2),
                Duration.ofMillis(500));

        assertThat(disabled.refusal(new Sample(Duration.ofMinutes(10), 50_000, true))).isEmpty();
    }

    @Test
    void refusesNonsensicalBounds() {
        assertThatThrownBy(() -> new AdmissionSettings(true, Duration.ZERO, 1000, Duration.ofSeconds(2),
                Duration.ofMillis(500))).hasMessageContaining("max-outbox-age");
        assertThatThrownBy(() -> new AdmissionSettings(true, Duration.ofSeconds(3), -1, Duration.ofSeconds(2),
                Duration.ofMillis(500))).hasMessageContaining("max-consumer-lag");
    }
}

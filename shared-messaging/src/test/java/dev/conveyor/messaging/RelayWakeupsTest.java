package dev.conveyor.messaging;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RelayWakeupsTest {

    private final RelayWakeups wakeups = new RelayWakeups();

    @Test
    void aNewRelayLooksForRowsAtOnce() {
        assertThat(wakeups.takeRowsSignal()).isTrue();
        assertThat(wakeups.takeRowsSignal()).isFalse();
    }

    @Test
    void coalescesSignalsIntoOneWakeUpThatSaysRowsMayWait() throws InterruptedException {
        wakeups.takeRowsSignal();
        wakeups.signal();
        wakeups.signal();

        assertThat(wakeups.await(Duration.ZERO)).isTrue();
        assertThat(wakeups.await(Duration.ZERO)).isFalse();
        assertThat(wakeups.takeRowsSignal()).isTrue();
        assertThat(wakeups.takeRowsSignal()).isFalse();
    }

    @Test
    void aNudgeWakesTheRelayWithoutSayingRowsMayWait() throws InterruptedException {
        wakeups.takeRowsSignal();
        wakeups.nudge();

        assertThat(wakeups.await(Duration.ZERO)).isTrue();
        assertThat(wakeups.takeRowsSignal()).isFalse();
    }

    @Test
    void aSignalAfterTheRelayTookTheLastOneIsKeptForItsNextTurn() {
        wakeups.takeRowsSignal();
        wakeups.nudge();
        wakeups.signal();

        assertThat(wakeups.takeRowsSignal()).isTrue();
    }
}

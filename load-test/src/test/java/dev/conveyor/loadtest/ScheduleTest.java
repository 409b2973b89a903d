package dev.conveyor.loadtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleTest {

    @Test
    void spacesOrdersEvenly() {
        Schedule schedule = new Schedule(50);

        assertThat(schedule.dueNanos(0)).isZero();
        assertThat(schedule.dueNanos(1)).isEqualTo(20_000_000L);
        assertThat(schedule.dueNanos(50)).isEqualTo(1_000_000_000L);
    }

    @Test
    void neverDriftsOverALongRunWhenTheIntervalIsNotWhole() {
        Schedule schedule = new Schedule(3);

        assertThat(schedule.dueNanos(3 * 3600)).isEqualTo(3600L * 1_000_000_000L);
        assertThat(schedule.dueNanos(1)).isEqualTo(333_333_333L);
    }

    @Test
    void countsTheOrdersDueSoFar() {
        Schedule schedule = new Schedule(200);

        assertThat(schedule.dueBy(-1)).isZero();
        assertThat(schedule.dueBy(0)).isEqualTo(1);
        assertThat(schedule.dueBy(1_000_000_000L)).isEqualTo(201);
    }

    @Test
    void refusesANonPositiveRate() {
        assertThatThrownBy(() -> new Schedule(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

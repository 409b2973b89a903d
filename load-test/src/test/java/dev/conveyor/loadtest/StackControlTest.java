package dev.conveyor.loadtest;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StackControlTest {

    @Test
    void findsThePortsAClientCouldTakeAsItsOwnSourcePort() {
        assertThat(StackControl.ephemeral(List.of(38084, 35432, 27003, 32768, 60999, 61000), 32768, 60999))
            .containsExactly(32768, 35432, 38084, 60999);
    }

    @Test
    void theLocalStacksDefaultPortsAreOutsideLinuxsDefaultRange() {
        assertThat(StackControl.ephemeral(List.of(5432, 9092, 8081, 8082, 8083, 8084), 32768, 60999)).isEmpty();
    }
}

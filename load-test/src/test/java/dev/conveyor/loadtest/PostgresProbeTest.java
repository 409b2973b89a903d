package dev.conveyor.loadtest;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresProbeTest {

    @Test
    void aServerWithFsyncSynchronousCommitAndFullPageWritesIsDurable() {
        assertThat(PostgresProbe.notDurable(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on")))
            .isEmpty();
        assertThat(PostgresProbe.notDurable(Map.of("fsync", "on", "synchronous_commit", "local",
                "full_page_writes", "on"))).isEmpty();
    }

    @Test
    void namesEverySettingThatLosesAcknowledgedCommits() {
        assertThat(PostgresProbe.notDurable(Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "on")))
            .containsExactly("fsync=off", "synchronous_commit=off");
        assertThat(PostgresProbe.notDurable(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "off")))
            .containsExactly("full_page_writes=off");
        assertThat(PostgresProbe.notDurable(Map.of())).containsExactly("fsync=unknown", "synchronous_commit=unknown",
                "full_page_writes=unknown");
    }
}

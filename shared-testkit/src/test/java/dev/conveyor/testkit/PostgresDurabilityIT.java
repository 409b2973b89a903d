package dev.conveyor.testkit;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests get a fast PostgreSQL, benchmarks a durable one, and the server itself says which it is. */
class PostgresDurabilityIT {

    @Test
    void aDurableServerFlushesEveryCommit() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(PostgresDurability.DURABLE)) {
            assertThat(server.durabilitySettings())
                .isEqualTo(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"));
        }
    }

    @Test
    void aFastServerFlushesNothing() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(PostgresDurability.FAST)) {
            assertThat(server.durabilitySettings())
                .isEqualTo(Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"));
        }
    }

    @Test
    void testsAreFastUnlessToldOtherwise() {
        String previous = System.getProperty(PostgresDurability.PROPERTY);
        try {
            System.clearProperty(PostgresDurability.PROPERTY);
            assertThat(PostgresDurability.configured()).isEqualTo(PostgresDurability.FAST);
            System.setProperty(PostgresDurability.PROPERTY, "durable");
            assertThat(PostgresDurability.configured()).isEqualTo(PostgresDurability.DURABLE);
            System.setProperty(PostgresDurability.PROPERTY, "sometimes");
            assertThatThrownBy(PostgresDurability::configured).hasMessageContaining("use fast or durable");
        }
        finally {
            if (previous == null) {
                System.clearProperty(PostgresDurability.PROPERTY);
            }
            else {
                System.setProperty(PostgresDurability.PROPERTY, previous);
            }
        }
    }
}

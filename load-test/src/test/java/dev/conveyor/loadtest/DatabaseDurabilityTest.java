package dev.conveyor.loadtest;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseDurabilityTest {

    @Test
    void saysUnknownWithTheReasonWhenThePostgresServerCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://localhost:" + closedPort + "/orders";

        DatabaseDurability durability = DatabaseDurability.read(url, "order_service", "order_service");

        assertThat(durability.settings())
            .isEqualTo("fsync=unknown, synchronous_commit=unknown, full_page_writes=unknown");
        assertThat(durability.durable()).isFalse();
        assertThat(durability.problem()).isNotBlank();
        assertThat(durability.line()).startsWith("PostgreSQL durability unknown: could not read the settings from " + url);
    }

    @Test
    void isDurableOnlyWithFsyncFullPageWritesAndACommitFlushedBeforeItIsAcknowledged() {
        assertThat(settings("on", "on", "on").durable()).isTrue();
        assertThat(settings("on", "local", "on").durable()).isTrue();
        assertThat(settings("on", "remote_apply", "on").durable()).isTrue();
        assertThat(settings("off", "on", "on").durable()).isFalse();
        assertThat(settings("on", "off", "on").durable()).isFalse();
        assertThat(settings("on", "on", "off").durable()).isFalse();
    }

    @Test
    void flagsANonDurableServerInItsLine() {
        assertThat(settings("off", "off", "on").line()).isEqualTo(
                "PostgreSQL fsync=off, synchronous_commit=off, full_page_writes=on: NOT DURABLE, acknowledged commits can "
                        + "be lost in a crash; not valid benchmark figures");
        assertThat(settings("on", "on", "on").line())
            .isEqualTo("PostgreSQL fsync=on, synchronous_commit=on, full_page_writes=on (durable)");
    }

    private static DatabaseDurability settings(String fsync, String synchronousCommit, String fullPageWrites) {
        return new DatabaseDurability(fsync, synchronousCommit, fullPageWrites, "jdbc:postgresql://localhost/orders",
                null);
    }
}

package dev.conveyor.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./conveyor start|status|stop postgres} on a stack of its own ({@code CONVEYOR_LOCAL_DIR}, free ports), with
 * the wrapper and the server killed in turn: status tells a crash from a stop, and start always brings PostgreSQL back.
 */
class ConveyorLauncherIT {

    private static final Path LAUNCHER = Path.of("..", "conveyor").toAbsolutePath().normalize();

    @TempDir
    Path local;

    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void stackOfItsOwn() throws IOException {
        environment.put("CONVEYOR_LOCAL_DIR", local.toString());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        for (String port : List.of("CONVEYOR_POSTGRES_PORT", "CONVEYOR_KAFKA_PORT", "CONVEYOR_ORDER_PORT",
                "CONVEYOR_INVENTORY_PORT", "CONVEYOR_PAYMENT_PORT", "CONVEYOR_SHIPPING_PORT")) {
            try (ServerSocket socket = new ServerSocket(0)) {
                environment.put(port, Integer.toString(socket.getLocalPort()));
            }
        }
    }

    @AfterEach
    void killEverythingStarted() {
        wrapper().ifPresent(ProcessHandle::destroyForcibly);
        Postmaster.of(dataDirectory()).flatMap(server -> ProcessHandle.of(server.pid())).ifPresent(server -> {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        });
    }

    @Test
    void bringsPostgresBackAfterEitherOfItsProcessesIsKilled() throws Exception {
        assertThat(conveyor("start", "postgres")).contains("fsync=on, synchronous_commit=on, full_page_writes=on",
                "postgres started");
        assertThat(postgresStatus()).contains("up (fsync=on, synchronous_commit=on, full_page_writes=on)");

        ProcessHandle.of(serverPid()).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(postgresStatus()).contains("crashed"));
        assertThat(conveyor("status")).contains("postgres exited without ./conveyor stop; the end of",
                "exited unexpectedly");

        assertThat(conveyor("start", "postgres")).contains("postgres started");
        assertThat(postgresStatus()).contains("up (");

        long orphan = serverPid();
        wrapper().orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(postgresStatus()).contains(Long.toString(orphan), "server left running"));

        assertThat(conveyor("start", "postgres")).contains("left running by a killed wrapper", "postgres started");
        assertThat(ProcessHandle.of(orphan).filter(Postmaster::running)).isEmpty();
        assertThat(postgresStatus()).contains("up (");

        wrapper().orElseThrow().destroyForcibly();
        long secondOrphan = serverPid();
        assertThat(conveyor("stop", "postgres")).contains("stopping PostgreSQL (pid " + secondOrphan + ")");
        assertThat(ProcessHandle.of(secondOrphan).filter(Postmaster::running)).isEmpty();
        assertThat(postgresStatus()).endsWith("stopped");
    }

    private String postgresStatus() throws Exception {
        return conveyor("status").lines().filter(line -> line.startsWith("postgres ")).findFirst().orElseThrow().strip();
    }

    /** Runs the launcher and returns what it printed; fails if it fails. */
    private String conveyor(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Path output = Files.createTempFile(local, "conveyor", ".out");
        Process launcher = builder.redirectOutput(output.toFile()).start();
        assertThat(launcher.waitFor(240, TimeUnit.SECONDS)).as("./conveyor %s finishes", String.join(" ", arguments))
            .isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(launcher.exitValue()).as("./conveyor %s printed:%n%s", String.join(" ", arguments), printed)
            .isZero();
        return printed;
    }

    private Optional<ProcessHandle> wrapper() {
        try {
            Path pidFile = local.resolve("run").resolve("postgres.pid");
            return Files.exists(pidFile) ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    .filter(Postmaster::running) : Optional.empty();
        }
        catch (IOException ex) {
            return Optional.empty();
        }
    }

    private long serverPid() {
        return Postmaster.of(dataDirectory()).orElseThrow(() -> new AssertionError("no live server")).pid();
    }

    private Path dataDirectory() {
        return local.resolve("data").resolve("postgres");
    }
}

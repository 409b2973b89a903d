package dev.conveyor.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Kills and restarts the components of the local stack the way a crash would: SIGKILL of the real process (for
 * PostgreSQL the postmaster, not the launcher's wrapper around it), then {@code conveyor start COMPONENT}.
 */
final class StackControl {

    /** A killed process: its pid, and whether it is really gone. */
    record Killed(long pid, boolean dead, String note) {
    }

    /** A restart: whether the component is up again, and what the launcher said if it is not. */
    record Restarted(boolean up, String note) {
    }

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final Path launcher;

    private final Path localDir;

    private final PostgresProbe postgres;

    private final int kafkaPort;

    StackControl(Path launcher, Path localDir, PostgresProbe postgres, int kafkaPort) {
        this.launcher = launcher;
        this.localDir = localDir;
        this.postgres = postgres;
        this.kafkaPort = kafkaPort;
    }

    /** The pid the launcher remembers for a component (for PostgreSQL: its wrapper process), if it runs. */
    Optional<Long> launcherPid(String component) {
        return readPid(localDir.resolve("run").resolve(component + ".pid"));
    }

    /** The pid to kill: the postmaster (first line of postmaster.pid) for PostgreSQL, the launched process otherwise. */
    Optional<Long> pidToKill(String component) {
        return component.equals("postgres")
                ? readPid(localDir.resolve("data").resolve("postgres").resolve("postmaster.pid"))
                : launcherPid(component);
    }

    Killed kill(String component) throws InterruptedException {
        Optional<Long> pid = pidToKill(component);
        Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return new Killed(pid.orElse(-1L), false, component + " is not running (no live pid in "
                    + (component.equals("postgres") ? "data/postgres/postmaster.pid" : "run/" + component + ".pid") + ")");
        }
        process.get().destroyForcibly(); // SIGKILL on Unix
        try {
            process.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Killed(pid.get(), false, "pid " + pid.get() + " still alive 10 s after SIGKILL");
        }
        return new Killed(pid.get(), true, null);
    }

    /** Runs {@code conveyor start COMPONENT} and waits until the component answers (PostgreSQL: a query; Kafka: its port). */
    Restarted restart(String component) throws InterruptedException, IOException {
        Path log = Files.createTempFile("conveyor-start-" + component, ".log");
        try {
            Process start = new ProcessBuilder(launcher.toString(), "start", component)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            if (!start.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                start.destroyForcibly();
                return new Restarted(false, "`conveyor start " + component + "` did not return within "
                        + START_TIMEOUT.toMinutes() + " min");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8).strip();
            if (start.exitValue() != 0) {
                return new Restarted(false, "`conveyor start " + component + "` failed (" + start.exitValue() + "): "
                        + lastLines(output, 6));
            }
            return switch (component) {
                case "postgres" -> awaitUp(postgres::answers, output, "PostgreSQL does not answer queries");
                case "kafka" -> awaitUp(() -> portOpen(kafkaPort), output, "nothing listens on port " + kafkaPort);
                default -> new Restarted(true, null); // the launcher waited for the service's health to be UP
            };
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Restarted awaitUp(java.util.function.BooleanSupplier up, String launcherOutput, String problem)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!up.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return new Restarted(false, problem + " 30 s after `conveyor start` said: " + lastLines(launcherOutput, 3));
            }
            Thread.sleep(100);
        }
        return new Restarted(true, null);
    }

    static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}

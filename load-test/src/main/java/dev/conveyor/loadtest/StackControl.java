package dev.conveyor.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    /** Generous: on a saturated machine a healthy service has been seen to take 5 s to answer its health check. */
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(10);

    private final Path launcher;

    private final Path localDir;

    private final PostgresProbe postgres;

    private final int kafkaPort;

    private final Map<String, String> serviceUrls;

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .build();

    /** @param serviceUrls the base URL of each service, by component name */
    StackControl(Path launcher, Path localDir, PostgresProbe postgres, int kafkaPort, Map<String, String> serviceUrls) {
        this.launcher = launcher;
        this.localDir = localDir;
        this.postgres = postgres;
        this.kafkaPort = kafkaPort;
        this.serviceUrls = Map.copyOf(serviceUrls);
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

    /**
     * Runs {@code conveyor start COMPONENT} and waits until the component answers (PostgreSQL: a query; Kafka: its
     * port; a service: its health UP). A service still starting when the launcher gives up on it (a busy machine)
     * is given the rest of {@link #START_TIMEOUT}; the restart time reports how long it took.
     */
    Restarted restart(String component) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
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
            String failed = start.exitValue() == 0 ? null
                    : "`conveyor start " + component + "` failed (" + start.exitValue() + "): " + lastLines(output, 2);
            boolean stillStarting = launcherPid(component).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive)
                .orElse(false);
            if (failed != null && !(stillStarting && serviceUrls.containsKey(component))) {
                return new Restarted(false, failed);
            }
            Restarted restarted = switch (component) {
                case "postgres" -> awaitUp(postgres::answers, deadline(30), output, "PostgreSQL does not answer queries");
                case "kafka" -> awaitUp(() -> portOpen(kafkaPort), deadline(30), output, "nothing listens on port " + kafkaPort);
                default -> awaitUp(() -> healthy(component) || !running(component), deadline, output,
                        component + " is not healthy");
            };
            if (restarted.up() && !running(component)) {
                return new Restarted(false, component + " exited while starting: " + whyExited(component));
            }
            return failed == null || !restarted.up() ? restarted
                    : new Restarted(true, "healthy only after the launcher gave up on it (" + failed + ")");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private boolean running(String component) {
        return launcherPid(component).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Spring Boot's failure analysis ("Description:" and the line after it), or the log's last line. */
    private String whyExited(String component) {
        try {
            List<String> lines = Files.readAllLines(localDir.resolve("logs").resolve(component + ".log")).stream()
                .filter(line -> !line.isBlank())
                .toList();
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).strip().equals("Description:") && i + 1 < lines.size()) {
                    return lines.get(i + 1).strip();
                }
            }
            return lines.isEmpty() ? "its log is empty" : lines.getLast().strip();
        } catch (IOException e) {
            return "its log could not be read (" + e.getMessage() + ")";
        }
    }

    /**
     * The ports inside the kernel's ephemeral range {@code [low, high]}: while a component is down, a client's
     * connection attempt to its port can be given that very port as its source and connect to itself, holding the
     * port, so the restarted component cannot bind it.
     */
    static List<Integer> ephemeral(List<Integer> ports, int low, int high) {
        return ports.stream().filter(port -> port >= low && port <= high).sorted().toList();
    }

    private static long deadline(int seconds) {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }

    private boolean healthy(String component) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(serviceUrls.get(component) + "/actuator/health")).timeout(HEALTH_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Restarted awaitUp(java.util.function.BooleanSupplier up, long deadline, String launcherOutput,
            String problem) throws InterruptedException {
        while (!up.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return new Restarted(false, problem + " after `conveyor start` said: " + lastLines(launcherOutput, 3));
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

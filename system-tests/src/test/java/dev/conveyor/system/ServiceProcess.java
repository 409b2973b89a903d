package dev.conveyor.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** One service running as its own JVM from its packaged jar, as in production; it can be stopped and started again. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;

    private final int port;

    private final Map<String, String> properties;

    private final Path log;

    private Process process;

    ServiceProcess(String name, Map<String, String> properties) {
        this.name = name;
        this.port = freePort();
        this.properties = properties;
        this.log = Path.of(System.getProperty("conveyor.system.logs", "target/system-logs"), name + ".log");
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    synchronized void start() {
        Path jar = Path.of(System.getProperty("conveyor.root", ".."), name, "target",
                name + "-" + System.getProperty("conveyor.version", "0.1.0-SNAPSHOT") + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./conveyor build)");
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=" + port));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + name, ex);
        }
    }

    void awaitHealthy() {
        await().alias(name + " healthy (log: " + log + ")")
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(500))
            .failFast(name + " exited; see " + log, () -> !process.isAlive())
            .until(this::healthy);
    }

    boolean healthy() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the service gracefully (SIGTERM) and waits for it to exit. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the service at once (SIGKILL), as a crash would; also how the test JVM cleans up. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        kill();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}

package dev.conveyor.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft Kafka broker in a child JVM, with its log directory on disk: it can be stopped, killed and
 * started again on the same address with its data intact, for tests of what happens while the broker is away. It
 * runs the broker of the Kafka jars already on the test classpath, so nothing is downloaded.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;

    private final int port;

    private final int controllerPort;

    private Process process;

    private KafkaBrokerProcess(Path directory, int port, int controllerPort) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats a new broker in a temporary directory on free ports and starts it. */
    public static KafkaBrokerProcess startNew() {
        try {
            KafkaBrokerProcess broker = new KafkaBrokerProcess(Files.createTempDirectory("conveyor-kafka-"), freePort(), freePort());
            broker.format();
            broker.start();
            return broker;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Starts the broker (again) and waits until it accepts connections. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        process = launch("kafka.Kafka", directory.resolve("server.properties").toString());
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepting()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + "; see " + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka broker did not open port " + port + " within " + START_TIMEOUT + "; see " + log());
            }
            pause();
        }
    }

    /** Stops the broker the way an operator would (SIGTERM, controlled shutdown) and waits for it to exit. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            waitForExit();
        }
    }

    /** Kills the broker at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        kill();
    }

    private void format() throws IOException {
        Files.writeString(directory.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                ""));
        Process formatter = launch("kafka.tools.StorageTool", "format", "--config",
                directory.resolve("server.properties").toString(), "--cluster-id", Uuid.randomUuid().toString(), "--ignore-formatted");
        try {
            if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
                throw new IllegalStateException("Formatting the Kafka log directory failed; see " + log());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private Process launch(String mainClass, String... arguments) {
        try {
            return new ProcessBuilder(ExitWithParent.command(List.of("-Xmx512m"), mainClass, arguments))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + mainClass, ex);
        }
    }

    private Path log() {
        return directory.resolve("broker.log");
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

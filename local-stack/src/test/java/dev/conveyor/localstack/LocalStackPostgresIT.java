package dev.conveyor.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs {@code LocalStack postgres} the way {@code ./conveyor} does (its jar, a child process, a data directory and a
 * port of its own) and kills its processes: the server must be durable, its wrapper must not outlive it, and a server
 * left behind by a killed wrapper must not block the next start.
 */
class LocalStackPostgresIT {

    private static final Duration STARTUP = Duration.ofSeconds(120);

    @TempDir
    Path directory;

    private Path data;

    private Path log;

    private int port;

    private final List<Process> wrappers = new ArrayList<>();

    private final Set<Long> servers = new LinkedHashSet<>();

    @BeforeEach
    void freePortAndDirectory() throws IOException {
        data = directory.resolve("data");
        log = directory.resolve("postgres.log");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void killEverythingStarted() {
        wrappers.forEach(Process::destroyForcibly);
        Postmaster.of(data).ifPresent(server -> servers.add(server.pid()));
        servers.forEach(pid -> ProcessHandle.of(pid).ifPresent(server -> {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }));
    }

    @Test
    void runsWithFsyncSynchronousCommitAndFullPageWritesOnAndSaysSo() throws Exception {
        Process wrapper = start();

        try (Connection connection = superuser(); Statement statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet rows = statement.executeQuery("SHOW " + setting)) {
                    rows.next();
                    assertThat(rows.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
        assertThat(Files.readString(log))
            .contains("PostgreSQL ready on localhost:" + port + " with data in " + data
                    + " (pid " + serverPid() + "): fsync=on, synchronous_commit=on, full_page_writes=on");

        wrapper.destroy();
        assertThat(wrapper.waitFor(60, TimeUnit.SECONDS)).as("the wrapper stops on SIGTERM").isTrue();
        assertThat(Postmaster.of(data)).as("the server stops with its wrapper").isEmpty();
    }

    @Test
    void exitsWhenItsServerIsKilledAndStartsAgainWithEveryAcknowledgedCommit() throws Exception {
        Process wrapper = start();
        int acknowledged = commitRowsForAWhile();

        ProcessHandle server = ProcessHandle.of(serverPid()).orElseThrow();
        server.destroyForcibly();

        assertThat(wrapper.waitFor(10, TimeUnit.SECONDS)).as("the wrapper notices its server's death").isTrue();
        assertThat(wrapper.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log)).contains("PostgreSQL (pid " + server.pid() + ") exited unexpectedly");

        start();
        assertThat(rows()).isEqualTo(acknowledged);
    }

    @Test
    void keepsEveryAcknowledgedCommitWhenEveryServerProcessIsKilledAtOnce() throws Exception {
        Process wrapper = start();
        int acknowledged = commitRowsForAWhile();

        // A crash of the whole server (OOM killer, kill -9 of every postgres process): nothing may be left unwritten
        // in its buffers once a commit has been acknowledged.
        ProcessHandle server = ProcessHandle.of(serverPid()).orElseThrow();
        List<ProcessHandle> processes = Stream.concat(Stream.of(server), server.descendants()).toList();
        processes.forEach(ProcessHandle::destroyForcibly);

        assertThat(wrapper.waitFor(10, TimeUnit.SECONDS)).isTrue();
        start();
        assertThat(rows()).isEqualTo(acknowledged);
    }

    @Test
    void replacesTheServerLeftRunningByAKilledWrapper() throws Exception {
        Process first = start();
        long orphan = serverPid();

        first.destroyForcibly();
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(orphan).filter(Postmaster::running)).as("the server outlives a killed wrapper")
            .isPresent();

        start();

        assertThat(ProcessHandle.of(orphan).filter(Postmaster::running)).as("the orphan was shut down").isEmpty();
        assertThat(serverPid()).isNotEqualTo(orphan);
        assertThat(serversOfTheDataDirectory()).as("exactly one server runs on the data directory").hasSize(1);
        try (Connection connection = superuser(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT pg_backend_pid() > 0")) {
            assertThat(rows.next()).isTrue();
        }
    }

    private Process start() throws IOException {
        long readyBefore = readyLines();
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Process wrapper = new ProcessBuilder(java.toString(), "-Xmx128m", "-jar", localStackJar().toString(), "postgres",
                data.toString(), Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
        wrappers.add(wrapper);
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(200))
            .until(() -> readyLines() > readyBefore || !wrapper.isAlive());
        assertThat(wrapper.isAlive()).as("the wrapper started PostgreSQL; its log:%n%s", Files.readString(log)).isTrue();
        servers.add(serverPid());
        return wrapper;
    }

    private long readyLines() throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("PostgreSQL ready on")).count();
        }
    }

    private long serverPid() {
        return Postmaster.of(data).orElseThrow(() -> new AssertionError("no live server on " + data)).pid();
    }

    private List<ProcessHandle> serversOfTheDataDirectory() {
        return ProcessHandle.allProcesses()
            .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
            .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).contains(data.toString()))
            .toList();
    }

    /** Commits rows one per transaction for a second, as fast as it can; returns how many commits were acknowledged. */
    private int commitRowsForAWhile() throws SQLException {
        try (Connection connection = superuser(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE acknowledged (id int PRIMARY KEY, payload text NOT NULL)");
            long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            int committed = 0;
            while (System.nanoTime() < until) {
                statement.execute("INSERT INTO acknowledged VALUES (" + (committed + 1) + ", repeat('x', 500))");
                committed++;
            }
            return committed;
        }
    }

    private int rows() throws SQLException {
        try (Connection connection = superuser(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM acknowledged")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private Connection superuser() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "postgres");
    }

    private static Path localStackJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("local-stack-.*\\.jar")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no local-stack jar in target/: run through mvn verify"))
                .toAbsolutePath();
        }
    }
}

package dev.conveyor.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The infrastructure of the no-Docker local stack, one process per component, started by {@code ./conveyor up}:
 * <ul>
 * <li>{@code postgres DATA_DIR PORT}: a real PostgreSQL 17 (the embedded binaries) keeping its data in DATA_DIR, with
 * one database and one owner role per service, each role allowed only its own database. Durable: fsync,
 * synchronous_commit and full_page_writes on, as read back from the server and logged. The server stops with this
 * process; when the server dies on its own, this process exits with status 1; a server of DATA_DIR left running by a
 * killed predecessor of this process is shut down before the new one starts;</li>
 * <li>{@code kafka DATA_DIR PORT}: a real single-node KRaft broker keeping its log in DATA_DIR (formatted on first
 * start).</li>
 * </ul>
 */
public final class LocalStack {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /** Database, role and password of each service: the same as in docker compose and the services' defaults. */
    static final List<ServiceDatabase> DATABASES = List.of(new ServiceDatabase("orders", "order_service"),
            new ServiceDatabase("inventory", "inventory_service"), new ServiceDatabase("payments", "payment_service"),
            new ServiceDatabase("shipping", "shipping_service"));

    /** The settings that decide whether an acknowledged commit survives a crash. */
    static final List<String> DURABILITY_SETTINGS = List.of("fsync", "synchronous_commit", "full_page_writes");

    /** Crash recovery after a kill can take a while on a large data directory. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration WATCH_INTERVAL = Duration.ofMillis(200);

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("Usage: LocalStack postgres|kafka DATA_DIR PORT");
            System.exit(2);
        }
        Path dataDirectory = Path.of(args[1]).toAbsolutePath();
        int port = Integer.parseInt(args[2]);
        switch (args[0]) {
            case "postgres" -> {
                try {
                    runPostgres(dataDirectory, port);
                }
                catch (IOException | SQLException | RuntimeException ex) {
                    // Exit rather than linger: a process that failed to start its server must not look like a running one.
                    log.error("PostgreSQL did not start on {}: {}", dataDirectory, ex.getMessage(), ex);
                    Runtime.getRuntime().halt(1);
                }
            }
            case "kafka" -> runKafka(dataDirectory, port);
            default -> {
                System.err.println("Unknown component " + args[0] + ": postgres or kafka");
                System.exit(2);
            }
        }
    }

    private static void runPostgres(Path dataDirectory, int port) throws IOException, SQLException {
        Files.createDirectories(dataDirectory);
        stopLeftOverServer(dataDirectory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setPGStartupWait(STARTUP_WAIT)
            .setServerConfig("max_connections", "200")
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on")
            .start();
        Postmaster postmaster = Postmaster.of(dataDirectory)
            .orElseThrow(() -> new IllegalStateException("PostgreSQL started but " + dataDirectory.resolve("postmaster.pid")
                    + " names no live server"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            }
            catch (IOException ex) {
                log.warn("pg_ctl stop failed: {}", ex.getMessage());
            }
            if (postmaster.isAlive()) {
                postmaster.stop(SHUTDOWN_TIMEOUT);
            }
            log.info("PostgreSQL stopped");
        }, "postgres-shutdown"));
        createDatabases(port);
        log.info("PostgreSQL ready on localhost:{} with data in {} (pid {}): {}", port, dataDirectory, postmaster.pid(),
                durabilitySettings(port));
        watch(postmaster, dataDirectory);
    }

    /**
     * A server of this data directory still running without the process that started it (that process was killed)
     * would keep the port and the directory: it is shut down first, so that exactly one server runs and it runs with
     * this process's settings.
     */
    static void stopLeftOverServer(Path dataDirectory) {
        Postmaster.of(dataDirectory).ifPresent(orphan -> {
            log.warn("PostgreSQL (pid {}) is still running on {} without its local-stack process: shutting it down first",
                    orphan.pid(), dataDirectory);
            orphan.stop(SHUTDOWN_TIMEOUT);
        });
        if (!Postmaster.awaitPreviousServerGone(dataDirectory, SHUTDOWN_TIMEOUT)) {
            log.warn("Processes of the previous PostgreSQL server of {} are still running after {} s", dataDirectory,
                    SHUTDOWN_TIMEOUT.toSeconds());
            return;
        }
        Postmaster.removeLockFileOfDeadServer(dataDirectory, Duration.ofSeconds(5));
    }

    /**
     * Stays alive as long as the server does. When the server dies on its own (killed, crashed), this process exits
     * with status 1 once the server's last children are gone, so that {@code ./conveyor status} shows the crash and
     * {@code ./conveyor start postgres} can start it again (PostgreSQL then runs crash recovery).
     */
    private static void watch(Postmaster postmaster, Path dataDirectory) {
        while (postmaster.isAlive()) {
            LockSupport.parkNanos(WATCH_INTERVAL.toNanos());
        }
        if (shuttingDown()) {
            return; // stopped on purpose: the shutdown hooks finish the job
        }
        log.error("PostgreSQL (pid {}) exited unexpectedly; exiting so that it can be started again", postmaster.pid());
        Postmaster.awaitPreviousServerGone(dataDirectory, SHUTDOWN_TIMEOUT);
        // halt, not exit: the shutdown hooks would try to stop a server that is already gone.
        Runtime.getRuntime().halt(1);
    }

    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> {
        });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        }
        catch (IllegalStateException ex) {
            return true;
        }
    }

    /** fsync, synchronous_commit and full_page_writes as the server reports them. */
    static String durabilitySettings(int port) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", "postgres"); Statement statement = connection.createStatement()) {
            StringBuilder settings = new StringBuilder();
            for (String setting : DURABILITY_SETTINGS) {
                try (ResultSet rows = statement.executeQuery("SHOW " + setting)) {
                    rows.next();
                    settings.append(settings.isEmpty() ? "" : ", ").append(setting).append('=').append(rows.getString(1));
                }
            }
            return settings.toString();
        }
    }

    static void createDatabases(int port) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            for (ServiceDatabase database : DATABASES) {
                if (!exists(statement, "SELECT 1 FROM pg_roles WHERE rolname = '" + database.role() + "'")) {
                    statement.execute("CREATE ROLE " + database.role() + " LOGIN PASSWORD '" + database.role() + "'");
                }
                if (!exists(statement, "SELECT 1 FROM pg_database WHERE datname = '" + database.name() + "'")) {
                    statement.execute("CREATE DATABASE " + database.name() + " OWNER " + database.role());
                    statement.execute("REVOKE ALL ON DATABASE " + database.name() + " FROM PUBLIC");
                    log.info("Created database {} owned by {}", database.name(), database.role());
                }
            }
        }
    }

    private static boolean exists(Statement statement, String query) throws SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            return rows.next();
        }
    }

    private static void runKafka(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        int controllerPort = port + 1;
        Path properties = dataDirectory.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDirectory.resolve("log"),
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                ""));
        if (!Files.exists(dataDirectory.resolve("log").resolve("meta.properties"))) {
            log.info("Formatting the Kafka log directory {}", dataDirectory.resolve("log"));
            int formatted = kafka.tools.StorageTool.execute(new String[] { "format", "--config", properties.toString(),
                    "--cluster-id", Uuid.randomUuid().toString(), "--ignore-formatted" }, System.out);
            if (formatted != 0) {
                throw new IllegalStateException("Formatting the Kafka log directory failed (" + formatted + ")");
            }
        }
        log.info("Kafka starting on localhost:{} with data in {}", port, dataDirectory);
        kafka.Kafka.main(new String[] { properties.toString() });
    }

    record ServiceDatabase(String name, String role) {
    }
}

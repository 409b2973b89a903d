package dev.conveyor.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The infrastructure of the no-Docker local stack, one process per component, started by {@code ./conveyor up}:
 * <ul>
 * <li>{@code postgres DATA_DIR PORT}: a real PostgreSQL 17 (the embedded binaries) keeping its data in DATA_DIR, with
 * one database and one owner role per service, each role allowed only its own database; stops with the process;</li>
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
            case "postgres" -> runPostgres(dataDirectory, port);
            case "kafka" -> runKafka(dataDirectory, port);
            default -> {
                System.err.println("Unknown component " + args[0] + ": postgres or kafka");
                System.exit(2);
            }
        }
    }

    private static void runPostgres(Path dataDirectory, int port) throws IOException, SQLException, InterruptedException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("max_connections", "200")
            .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
                log.info("PostgreSQL stopped");
            }
            catch (IOException ex) {
                log.warn("PostgreSQL did not stop cleanly: {}", ex.getMessage());
            }
            stopped.countDown();
        }));
        createDatabases(port);
        log.info("PostgreSQL ready on localhost:{} with data in {}", port, dataDirectory);
        stopped.await();
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

package dev.conveyor.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.conveyor.testkit.PostgresDurability;
import dev.conveyor.testkit.TestDatabase;
import dev.conveyor.testkit.TestInfrastructure;

/**
 * Measures what NOTIFY costs a publishing transaction on a durable PostgreSQL: concurrent clients commit small
 * transactions (one outbox-sized INSERT each), with and without {@code SELECT pg_notify(...)} in the transaction,
 * while one connection LISTENs as a relay leader does. NOTIFY takes a database-wide lock from its commit until the
 * commit's WAL is flushed, so committing transactions that notify queue behind each other. Not a test: run it with
 * <pre>
 * ./mvnw -B -q -pl shared-messaging -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=/tmp/conveyor-cp.txt
 * java -cp shared-messaging/target/test-classes:shared-messaging/target/classes:$(cat /tmp/conveyor-cp.txt) \
 *     [-Dclients=8 -Dtransactions=400 -Drounds=3] dev.conveyor.messaging.NotifyBenchmark
 * </pre>
 */
public final class NotifyBenchmark {

    private NotifyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("clients", 8);
        int transactions = Integer.getInteger("transactions", 400);
        int rounds = Integer.getInteger("rounds", 3);
        TestInfrastructure infrastructure = TestInfrastructure.get(PostgresDurability.DURABLE);
        System.out.println("PostgreSQL " + infrastructure.postgres().durabilitySettings().entrySet().stream()
            .map(setting -> setting.getKey() + "=" + setting.getValue()).collect(Collectors.joining(", ")));
        TestDatabase database = infrastructure.createDatabase("notify_benchmark");
        DataSource dataSource = database.dataSource();
        try (Connection setup = dataSource.getConnection(); Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE bench (id uuid PRIMARY KEY, payload jsonb NOT NULL)");
        }
        try (Connection listener = dataSource.getConnection(); Statement listen = listener.createStatement()) {
            listen.execute("LISTEN " + OutboxStore.CHANNEL);
            run(dataSource, clients, transactions / 4, false);
            run(dataSource, clients, transactions / 4, true);
            for (int round = 1; round <= rounds; round++) {
                report("without NOTIFY", clients, transactions, run(dataSource, clients, transactions, false));
                report("with NOTIFY   ", clients, transactions, run(dataSource, clients, transactions, true));
            }
        }
        System.exit(0);
    }

    private static void report(String variant, int clients, int transactions, double seconds) {
        int total = clients * transactions;
        System.out.printf("%s: %d clients x %d commits: %.0f commits/s, %.2f ms per commit%n", variant, clients,
                transactions, total / seconds, seconds * 1000 * clients / total);
    }

    /** Answers the seconds it took the clients to commit their transactions. */
    private static double run(DataSource dataSource, int clients, int transactions, boolean notify) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            long started = System.nanoTime();
            for (int client = 0; client < clients; client++) {
                done.add(pool.submit(() -> {
                    commit(dataSource, transactions, notify);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return (System.nanoTime() - started) / 1e9;
        }
        finally {
            pool.shutdown();
        }
    }

    private static void commit(DataSource dataSource, int transactions, boolean notify) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO bench (id, payload) VALUES (?, ?::jsonb)");
                PreparedStatement notification = connection.prepareStatement(
                        "SELECT pg_notify('" + OutboxStore.CHANNEL + "', '')")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < transactions; i++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, "{\"sku\":\"SKU-1\",\"onHand\":10,\"reserved\":2,\"available\":8}");
                insert.executeUpdate();
                if (notify) {
                    notification.executeQuery().close();
                }
                connection.commit();
            }
        }
    }
}

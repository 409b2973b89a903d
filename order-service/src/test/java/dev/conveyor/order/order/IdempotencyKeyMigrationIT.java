package dev.conveyor.order.order;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.testkit.TestDatabase;
import dev.conveyor.testkit.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys claimed before keys were scoped to customers (V4) go to the customer of the order they created. */
class IdempotencyKeyMigrationIT {

    private static final String[] LOCATIONS = { "classpath:db/migration", "classpath:db/messaging" };

    @Test
    void givesEveryClaimedKeyToItsOrdersCustomerAndLetsAnotherCustomerUseItToo() {
        TestDatabase database = TestInfrastructure.get().createDatabase("idempotency-key-migration");
        Flyway.configure().dataSource(database.dataSource()).locations(LOCATIONS).target("3").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        UUID adas = order(jdbc, "ada");
        jdbc.update("INSERT INTO idempotency_keys (idempotency_key, request_hash, order_id, created_at) VALUES (?, ?, ?, now())",
                "key-1", "hash-1", adas);

        Flyway.configure().dataSource(database.dataSource()).locations(LOCATIONS).load().migrate();

        assertThat(jdbc.queryForObject("SELECT customer_id FROM idempotency_keys WHERE idempotency_key = 'key-1'",
                String.class)).isEqualTo("ada");
        UUID graces = order(jdbc, "grace");
        jdbc.update("""
                INSERT INTO idempotency_keys (customer_id, idempotency_key, request_hash, order_id, created_at)
                VALUES ('grace', 'key-1', 'hash-2', ?, now())""", graces);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = 'key-1'",
                Integer.class)).isEqualTo(2);
    }

    private static UUID order(JdbcTemplate jdbc, String customer) {
        UUID id = UUID.randomUUID();
        Timestamp at = Timestamp.from(Instant.parse("2030-01-01T10:00:00Z"));
        jdbc.update("""
                INSERT INTO orders (id, customer_id, status, total_amount, total_currency, ship_name, ship_line1,
                    ship_city, ship_postal_code, ship_country, created_at, updated_at, version)
                VALUES (?, ?, 'PLACED', 20.00, 'EUR', 'Ada', '1 Way', 'London', 'N1', 'GB', ?, ?, 0)""",
                id, customer, at, at);
        return id;
    }
}

package dev.conveyor.order.order;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.testkit.TestDatabase;
import dev.conveyor.testkit.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/** A database an earlier release left (the saga's progress in saga_state) keeps every saga as it was after V3. */
class SagaProgressMigrationIT {

    private static final String[] LOCATIONS = { "classpath:db/migration", "classpath:db/messaging" };

    @Test
    void movesEverySagaOntoItsOrderAndDropsTheSagaTable() {
        TestDatabase database = TestInfrastructure.get().createDatabase("saga-progress-migration");
        Flyway.configure().dataSource(database.dataSource()).locations(LOCATIONS).target("2").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        Timestamp at = Timestamp.from(Instant.parse("2030-01-01T10:00:00Z"));
        UUID stuck = order(jdbc, "CONFIRMED", at);
        UUID paying = order(jdbc, "STOCK_RESERVED", at);
        UUID payment = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO saga_state (order_id, card_token, payment_requested, payment_id, dispatch_handled, deadline,
                    version, shipment_scheduled, awaiting, waiting_since, attempts, failures, last_error, stuck_since)
                VALUES (?, NULL, true, ?, false, NULL, 3, false, 'SHIPMENT', ?, 3, 1, 'boom', ?)""",
                stuck, payment, at, at);
        jdbc.update("""
                INSERT INTO saga_state (order_id, card_token, payment_requested, payment_id, dispatch_handled, deadline,
                    version, shipment_scheduled, awaiting, waiting_since, attempts, failures, last_error, stuck_since)
                VALUES (?, 'tok_visa_ok', true, NULL, false, ?, 1, false, 'PAYMENT', ?, 0, 0, NULL, NULL)""",
                paying, at, at);

        Flyway.configure().dataSource(database.dataSource()).locations(LOCATIONS).load().migrate();

        Map<String, Object> moved = jdbc.queryForMap("SELECT * FROM orders WHERE id = ?", stuck);
        assertThat(moved).containsEntry("awaiting", "SHIPMENT").containsEntry("attempts", 3)
                .containsEntry("failures", 1).containsEntry("last_error", "boom").containsEntry("payment_id", payment)
                .containsEntry("shipment_scheduled", false).containsEntry("dispatch_handled", false);
        assertThat(moved.get("stuck_since")).isNotNull();
        assertThat(jdbc.queryForMap("SELECT card_token, awaiting, deadline FROM orders WHERE id = ?", paying))
                .containsEntry("card_token", "tok_visa_ok").containsEntry("awaiting", "PAYMENT")
                .extractingByKey("deadline").isNotNull();
        assertThat(jdbc.queryForObject("SELECT to_regclass('saga_state') IS NULL", Boolean.class)).isTrue();
    }

    private static UUID order(JdbcTemplate jdbc, String status, Timestamp at) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO orders (id, customer_id, status, total_amount, total_currency, ship_name, ship_line1,
                    ship_city, ship_postal_code, ship_country, created_at, updated_at, version)
                VALUES (?, 'customer-1', ?, 20.00, 'EUR', 'Ada', '1 Way', 'London', 'N1', 'GB', ?, ?, 0)""",
                id, status, at, at);
        return id;
    }
}

package dev.conveyor.shipping.shipment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.testkit.TestDatabase;
import dev.conveyor.testkit.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * V2 turns the tombstones an earlier release recorded (an order cancelled before its shipment was scheduled) into
 * shipments created CANCELLED, and drops their table.
 */
class CancelledBeforeSchedulingMigrationIT {

    private static final Instant CANCELLED_AT = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void movesEveryTombstoneIntoAShipmentCreatedCancelledAndDropsTheTable() {
        TestDatabase database = TestInfrastructure.get().createDatabase("shipping-v2");
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        migrate(database, "1");
        UUID cancelledFirst = UUID.randomUUID();
        UUID scheduled = UUID.randomUUID();
        UUID shipmentId = UUID.randomUUID();
        jdbc.update("INSERT INTO shipment_tombstone (order_id, cancelled_at) VALUES (?, ?)", cancelledFirst,
                Timestamp.from(CANCELLED_AT));
        jdbc.update("""
                INSERT INTO shipment (id, order_id, status, recipient_name, address_line1, city, postal_code, country,
                                      scheduled_at, version)
                VALUES (?, ?, 'SCHEDULED', 'Ada Lovelace', '12 St James Square', 'London', 'SW1Y 4JH', 'GB', ?, 0)""",
                shipmentId, scheduled, Timestamp.from(CANCELLED_AT));

        migrate(database, "latest");

        assertThat(jdbc.queryForMap("SELECT status, cancelled_at, scheduled_at, recipient_name FROM shipment WHERE order_id = ?",
                cancelledFirst))
            .containsEntry("status", "CANCELLED")
            .containsEntry("cancelled_at", Timestamp.from(CANCELLED_AT))
            .containsEntry("scheduled_at", null)
            .containsEntry("recipient_name", null);
        assertThat(jdbc.queryForObject("SELECT id FROM shipment WHERE order_id = ?", UUID.class, scheduled))
            .isEqualTo(shipmentId);
        assertThat(jdbc.queryForObject("SELECT to_regclass('shipment_tombstone') IS NULL", Boolean.class)).isTrue();
        assertThatException().isThrownBy(() -> jdbc.update(
                "INSERT INTO shipment (id, order_id, status, version) VALUES (?, ?, 'SCHEDULED', 0)",
                UUID.randomUUID(), UUID.randomUUID()))
            .withMessageContaining("shipment_scheduled_check");
    }

    private static void migrate(TestDatabase database, String target) {
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").target(target)
            .load().migrate();
    }
}

package dev.conveyor.messaging;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockReleased;
import dev.conveyor.events.inventory.StockReserved;

import java.util.List;

/**
 * A small service on the messaging platform, playing inventory: it handles ReserveStock and ReleaseStock by writing
 * to its ledger and answering through the outbox.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {

    /** Makes the handler fail for chosen orders, to drive messages to the dead-letter topic. */
    @Component
    static class FaultSwitch {

        final Set<UUID> failing = ConcurrentHashMap.newKeySet();
    }

    @Component
    static class LedgerHandlers {

        private final JdbcTemplate jdbc;

        private final Outbox outbox;

        private final FaultSwitch faults;

        LedgerHandlers(JdbcTemplate jdbc, Outbox outbox, FaultSwitch faults) {
            this.jdbc = jdbc;
            this.outbox = outbox;
            this.faults = faults;
        }

        @MessageHandler
        void on(ReserveStock command) {
            jdbc.update("INSERT INTO ledger (order_id, effect) VALUES (?, 'reserved')", command.orderId());
            outbox.publish(new StockReserved(command.orderId(), command.lines()));
        }

        @MessageHandler
        void on(ReleaseStock command, MessageMetadata metadata) {
            if (faults.failing.contains(command.orderId())) {
                throw new IllegalStateException("Release of " + command.orderId() + " fails on purpose");
            }
            jdbc.update("INSERT INTO ledger (order_id, effect) VALUES (?, 'released')", command.orderId());
            outbox.publish(new StockReleased(command.orderId(), List.of()));
        }
    }
}

package dev.conveyor.loadtest;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/** Plays the warehouse for {@code --ship}: dispatches and delivers each order once it is confirmed. */
class Warehouse {

    private final ConveyorApi api;

    private final Ledger ledger;

    private final ExecutorService executor;

    private final Duration patience;

    Warehouse(ConveyorApi api, Ledger ledger, ExecutorService executor, Duration patience) {
        this.api = api;
        this.ledger = ledger;
        this.executor = executor;
        this.patience = patience;
    }

    void follow(Ledger.Entry entry) {
        entry.confirmed.thenRunAsync(() -> ship(entry), executor);
    }

    private void ship(Ledger.Entry entry) {
        try {
            // The shipment is scheduled by a command sent after the confirmation: wait for it to exist.
            long deadline = System.nanoTime() + patience.toNanos();
            String shipment = api.shipmentOf(entry.orderId);
            while (shipment == null && System.nanoTime() < deadline) {
                Thread.sleep(50);
                shipment = api.shipmentOf(entry.orderId);
            }
            if (shipment == null) {
                ledger.error("ship: no shipment scheduled");
                return;
            }
            api.dispatch(shipment);
            api.deliver(shipment);
        } catch (IOException e) {
            ledger.error("ship: " + e.getMessage().replaceAll("[0-9a-f-]{36}", "{id}"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.conveyor.inventory.reservation;

import jakarta.persistence.Embeddable;

import dev.conveyor.events.inventory.StockLine;

/** A requested line of a reservation, as the command asked for it. */
@Embeddable
record ReservationLine(String sku, int quantity) {

    static ReservationLine of(StockLine line) {
        return new ReservationLine(line.sku(), line.quantity());
    }

    StockLine toStockLine() {
        return new StockLine(sku, quantity);
    }
}

package dev.conveyor.inventory.reservation;

import jakarta.persistence.Embeddable;

import dev.conveyor.events.inventory.StockShortage;

/** A sku a rejected reservation was short of: how much was requested, how much was available (0 if unknown). */
@Embeddable
record ReservationShortage(String sku, int requested, int available) {

    StockShortage toStockShortage() {
        return new StockShortage(sku, requested, available);
    }
}

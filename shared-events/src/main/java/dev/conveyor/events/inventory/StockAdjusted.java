package dev.conveyor.events.inventory;

import dev.conveyor.events.Message;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;

/** A product's stock levels changed (restock, reservation, release or commit); carries the new levels. */
public record StockAdjusted(String sku, int onHand, int reserved, int available) implements Message {

    public StockAdjusted {
        Require.nonBlank(sku, Bounds.SKU, "sku");
        Require.nonNegative(onHand, "onHand");
        Require.nonNegative(reserved, "reserved");
        Require.nonNegative(available, "available");
    }

    @Override
    public String partitionKey() {
        return sku;
    }
}

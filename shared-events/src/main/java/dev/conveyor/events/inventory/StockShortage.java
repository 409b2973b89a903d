package dev.conveyor.events.inventory;

import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;

/** A requested line that could not be reserved: how much was asked for and how much was available. */
public record StockShortage(String sku, int requested, int available) {

    public StockShortage {
        Require.nonBlank(sku, Bounds.SKU, "sku");
        Require.positive(requested, "requested");
        Require.nonNegative(available, "available");
    }
}

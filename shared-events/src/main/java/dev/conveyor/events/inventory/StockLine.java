package dev.conveyor.events.inventory;

import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;

/** A quantity of one product. */
public record StockLine(String sku, int quantity) {

    public StockLine {
        Require.nonBlank(sku, Bounds.SKU, "sku");
        Require.positive(quantity, "quantity");
    }
}

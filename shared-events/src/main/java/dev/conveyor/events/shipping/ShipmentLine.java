package dev.conveyor.events.shipping;

import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;

/** A quantity of one product to ship. */
public record ShipmentLine(String sku, int quantity) {

    public ShipmentLine {
        Require.nonBlank(sku, Bounds.SKU, "sku");
        Require.positive(quantity, "quantity");
    }
}

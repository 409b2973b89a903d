package dev.conveyor.events.inventory;

import dev.conveyor.events.Message;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;
import java.util.List;
import java.util.UUID;

/** Inventory released the order's reservation; no lines means nothing was reserved. */
public record StockReleased(UUID orderId, List<StockLine> lines) implements Message {

    public StockReleased {
        Require.nonNull(orderId, "orderId");
        lines = Require.listOf(lines, Bounds.ORDER_LINES, "lines");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}

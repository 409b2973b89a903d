package dev.conveyor.events.inventory;

import dev.conveyor.events.Message;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;
import java.util.List;
import java.util.UUID;

/** Inventory removed the order's reserved quantities from stock on hand. */
public record StockCommitted(UUID orderId, List<StockLine> lines) implements Message {

    public StockCommitted {
        Require.nonNull(orderId, "orderId");
        lines = Require.listOf(lines, Bounds.ORDER_LINES, "lines");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}

package dev.conveyor.events.inventory;

import dev.conveyor.events.Message;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;
import java.util.List;
import java.util.UUID;

/** Inventory reserved every requested line for the order. */
public record StockReserved(UUID orderId, List<StockLine> lines) implements Message {

    public StockReserved {
        Require.nonNull(orderId, "orderId");
        lines = Require.nonEmptyListOf(lines, Bounds.ORDER_LINES, "lines");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}

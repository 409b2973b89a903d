package dev.conveyor.events.inventory;

import dev.conveyor.events.Message;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;
import java.util.List;
import java.util.UUID;

/**
 * Asks inventory to reserve all of these lines for the order, or none; answered by StockReserved or
 * StockReservationRejected.
 */
public record ReserveStock(UUID orderId, List<StockLine> lines) implements Message {

    public ReserveStock {
        Require.nonNull(orderId, "orderId");
        lines = Require.nonEmptyListOf(lines, Bounds.ORDER_LINES, "lines");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}

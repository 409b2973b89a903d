package dev.conveyor.events.inventory;

import dev.conveyor.events.Message;
import dev.conveyor.events.Require;
import java.util.UUID;

/**
 * Asks inventory to turn the order's reservation into a stock decrease (the order shipped);
 * answered by StockCommitted.
 */
public record CommitStock(UUID orderId) implements Message {

    public CommitStock {
        Require.nonNull(orderId, "orderId");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}

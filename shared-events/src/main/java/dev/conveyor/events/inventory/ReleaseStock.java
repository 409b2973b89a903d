package dev.conveyor.events.inventory;

import dev.conveyor.events.Message;
import dev.conveyor.events.Require;
import java.util.UUID;

/** Asks inventory to release whatever it holds for the order; answered by StockReleased. */
public record ReleaseStock(UUID orderId) implements Message {

    public ReleaseStock {
        Require.nonNull(orderId, "orderId");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}

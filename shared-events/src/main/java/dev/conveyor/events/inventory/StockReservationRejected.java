package dev.conveyor.events.inventory;

import dev.conveyor.events.Message;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;
import java.util.List;
import java.util.UUID;

/**
 * Inventory reserved nothing for the order. The reason is a string so that a value added later does not
 * break an older consumer; the constants below are the values known to v1. Shortages may be empty
 * (e.g. RESERVATION_RELEASED: the order was released before its reservation request arrived).
 */
public record StockReservationRejected(UUID orderId, String reason, List<StockShortage> shortages) implements Message {

    public static final String INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK";
    public static final String UNKNOWN_SKU = "UNKNOWN_SKU";
    public static final String RESERVATION_RELEASED = "RESERVATION_RELEASED";

    public StockReservationRejected {
        Require.nonNull(orderId, "orderId");
        Require.nonBlank(reason, "reason");
        shortages = Require.listOf(shortages, Bounds.ORDER_LINES, "shortages");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}

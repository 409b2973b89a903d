package dev.conveyor.events.order;

import dev.conveyor.events.Message;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * The order was cancelled before dispatch. The reason is a string so that a value added later does not
 * break an older consumer; the constants below are the values known to v1.
 */
public record OrderCancelled(UUID orderId, String customerId, String reason, Instant cancelledAt) implements Message {

    public static final String OUT_OF_STOCK = "OUT_OF_STOCK";
    public static final String PAYMENT_DECLINED = "PAYMENT_DECLINED";
    public static final String CUSTOMER_CANCELLED = "CUSTOMER_CANCELLED";
    public static final String TIMED_OUT = "TIMED_OUT";

    public OrderCancelled {
        Require.nonNull(orderId, "orderId");
        Require.nonBlank(customerId, Bounds.CUSTOMER_ID, "customerId");
        Require.nonBlank(reason, "reason");
        Require.nonNull(cancelledAt, "cancelledAt");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}

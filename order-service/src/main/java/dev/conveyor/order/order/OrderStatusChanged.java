package dev.conveyor.order.order;

import java.time.Instant;
import java.util.UUID;

/** In-process notice that an order's status changed; delivered to listeners after the change commits. */
record OrderStatusChanged(UUID orderId, OrderStatus status, CancellationReason cancellationReason, Instant at) {

    public static OrderStatusChanged of(Order order) {
        return new OrderStatusChanged(order.id(), order.status(), order.cancellationReason(), order.updatedAt());
    }
}

package dev.conveyor.order.saga;

/** The facts the saga publishes on {@code orders.events} for other teams. */
public enum SagaEvent {
    ORDER_PLACED,
    ORDER_CONFIRMED,
    ORDER_CANCELLED,
    ORDER_SHIPPED,
    ORDER_DELIVERED
}

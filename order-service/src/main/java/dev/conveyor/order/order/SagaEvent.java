package dev.conveyor.order.order;

/** The facts the saga publishes on {@code orders.events} for other teams. */
enum SagaEvent {
    ORDER_PLACED,
    ORDER_CONFIRMED,
    ORDER_CANCELLED,
    ORDER_SHIPPED,
    ORDER_DELIVERED
}

package dev.conveyor.order.order;

/** Where an order stands in its fulfilment; the moves between statuses are the {@link FulfilmentSaga} table's. */
enum OrderStatus {
    PLACED,
    STOCK_RESERVED,
    CONFIRMED,
    CANCELLING,
    SHIPPED,
    DELIVERED,
    CANCELLED;

    /** Whether the fulfilment of an order in this status is over: nothing will change it any more. */
    public boolean isTerminal() {
        return this == DELIVERED || this == CANCELLED;
    }
}

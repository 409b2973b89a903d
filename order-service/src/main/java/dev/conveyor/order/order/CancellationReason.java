package dev.conveyor.order.order;

/** Why an order was cancelled; the names are the reason strings published in OrderCancelled. */
enum CancellationReason {
    OUT_OF_STOCK,
    PAYMENT_DECLINED,
    CUSTOMER_CANCELLED,
    TIMED_OUT
}

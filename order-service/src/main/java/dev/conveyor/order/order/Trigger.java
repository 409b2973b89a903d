package dev.conveyor.order.saga;

/**
 * Everything that can move an order's fulfilment: the participants' replies (one constant per reply type the order
 * service consumes), the customer's cancel request and an expired step deadline.
 *
 * <p>{@code StockAdjusted} is deliberately not a trigger: it is inventory's stock-level feed, not an answer to
 * anything the saga asked, so the order service does not subscribe to it (the platform counts and acknowledges it).
 */
public enum Trigger {
    // answers to ReserveStock
    STOCK_RESERVED,
    STOCK_RESERVATION_REJECTED,
    // answers to AuthorizePayment
    PAYMENT_AUTHORIZED,
    PAYMENT_DECLINED,
    // answers to ScheduleShipment, and the warehouse's progress
    SHIPMENT_SCHEDULED,
    SHIPMENT_DISPATCHED,
    SHIPMENT_DELIVERED,
    // answers to CancelShipment
    SHIPMENT_CANCELLED,
    SHIPMENT_CANCELLATION_REJECTED,
    // answers to the compensating and closing commands (ReleaseStock, CommitStock, CapturePayment, VoidPayment)
    STOCK_RELEASED,
    STOCK_COMMITTED,
    PAYMENT_CAPTURED,
    PAYMENT_CAPTURE_REJECTED,
    PAYMENT_VOIDED,
    PAYMENT_VOID_REJECTED,
    // from inside the order service
    CUSTOMER_CANCEL,
    DEADLINE_EXPIRED
}

package dev.conveyor.order.order;

/**
 * An answer the saga waits for under a deadline: what it asked, and who must answer. The saga waits for at most one
 * at a time ({@link FulfilmentSaga#awaited}); the warehouse's dispatch and delivery are people's work and have none.
 */
enum Step {
    /** ReserveStock was sent: inventory answers StockReserved or StockReservationRejected. */
    STOCK,
    /** AuthorizePayment was sent: payment answers PaymentAuthorized or PaymentDeclined. */
    PAYMENT,
    /** ScheduleShipment was sent: shipping answers ShipmentScheduled. */
    SHIPMENT,
    /** CancelShipment was sent: shipping answers ShipmentCancelled or ShipmentCancellationRejected. */
    SHIPMENT_CANCELLATION
}

package dev.conveyor.order.order;

/** The commands the saga sends to the participants; {@link OrderMessages} turns each into its contract record. */
enum SagaCommand {
    RESERVE_STOCK,
    RELEASE_STOCK,
    COMMIT_STOCK,
    AUTHORIZE_PAYMENT,
    CAPTURE_PAYMENT,
    VOID_PAYMENT,
    SCHEDULE_SHIPMENT,
    CANCEL_SHIPMENT
}

package dev.conveyor.order.saga;

/** The commands the saga sends to the participants; {@link SagaMessages} turns each into its contract record. */
public enum SagaCommand {
    RESERVE_STOCK,
    RELEASE_STOCK,
    COMMIT_STOCK,
    AUTHORIZE_PAYMENT,
    CAPTURE_PAYMENT,
    VOID_PAYMENT,
    SCHEDULE_SHIPMENT,
    CANCEL_SHIPMENT
}

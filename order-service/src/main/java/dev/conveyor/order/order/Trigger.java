package dev.conveyor.order.order;

import java.util.UUID;

/**
 * Everything that can move an order's fulfilment, with the facts it carries: the participants' replies (one record
 * per reply type the order service consumes), the customer's cancel and an expired step deadline. The order records
 * a reply's facts (payment id, shipment id, carrier, tracking number) only when the {@link FulfilmentSaga} table
 * accepts the move.
 *
 * <p>{@code StockAdjusted} is deliberately not a trigger: it is inventory's stock-level feed, not an answer to
 * anything the saga asked, so the order service does not subscribe to it (the platform counts and acknowledges it).
 */
public sealed interface Trigger {

    // answers to ReserveStock

    record StockReserved() implements Trigger {
    }

    record StockReservationRejected() implements Trigger {
    }

    // answers to AuthorizePayment

    record PaymentAuthorized(UUID paymentId) implements Trigger {
    }

    record PaymentDeclined() implements Trigger {
    }

    // answers to ScheduleShipment, and the warehouse's progress

    record ShipmentScheduled(UUID shipmentId) implements Trigger {
    }

    record ShipmentDispatched(UUID shipmentId, String carrier, String trackingNumber) implements Trigger {
    }

    record ShipmentDelivered(UUID shipmentId) implements Trigger {
    }

    // answers to CancelShipment

    record ShipmentCancelled() implements Trigger {
    }

    record ShipmentCancellationRejected(UUID shipmentId) implements Trigger {
    }

    // answers to the compensating and closing commands (ReleaseStock, CommitStock, CapturePayment, VoidPayment)

    record StockReleased() implements Trigger {
    }

    record StockCommitted() implements Trigger {
    }

    record PaymentCaptured() implements Trigger {
    }

    record PaymentCaptureRejected() implements Trigger {
    }

    record PaymentVoided() implements Trigger {
    }

    record PaymentVoidRejected() implements Trigger {
    }

    // from inside the order service

    record CustomerCancel() implements Trigger {
    }

    record DeadlineExpired() implements Trigger {
    }
}

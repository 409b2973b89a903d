package dev.conveyor.order.order;

import java.time.Duration;
import java.util.List;

import dev.conveyor.order.order.Trigger.CustomerCancel;
import dev.conveyor.order.order.Trigger.DeadlineExpired;
import dev.conveyor.order.order.Trigger.PaymentAuthorized;
import dev.conveyor.order.order.Trigger.PaymentCaptureRejected;
import dev.conveyor.order.order.Trigger.PaymentCaptured;
import dev.conveyor.order.order.Trigger.PaymentDeclined;
import dev.conveyor.order.order.Trigger.PaymentVoidRejected;
import dev.conveyor.order.order.Trigger.PaymentVoided;
import dev.conveyor.order.order.Trigger.ShipmentCancellationRejected;
import dev.conveyor.order.order.Trigger.ShipmentCancelled;
import dev.conveyor.order.order.Trigger.ShipmentDelivered;
import dev.conveyor.order.order.Trigger.ShipmentDispatched;
import dev.conveyor.order.order.Trigger.ShipmentScheduled;
import dev.conveyor.order.order.Trigger.StockCommitted;
import dev.conveyor.order.order.Trigger.StockReleased;
import dev.conveyor.order.order.Trigger.StockReservationRejected;
import dev.conveyor.order.order.Trigger.StockReserved;

import static dev.conveyor.order.order.CancellationReason.CUSTOMER_CANCELLED;
import static dev.conveyor.order.order.CancellationReason.OUT_OF_STOCK;
import static dev.conveyor.order.order.CancellationReason.PAYMENT_DECLINED;
import static dev.conveyor.order.order.CancellationReason.TIMED_OUT;
import static dev.conveyor.order.order.Decision.acknowledged;
import static dev.conveyor.order.order.Decision.advance;
import static dev.conveyor.order.order.Decision.alert;
import static dev.conveyor.order.order.Decision.cancel;
import static dev.conveyor.order.order.Decision.compensate;
import static dev.conveyor.order.order.Decision.duplicate;
import static dev.conveyor.order.order.Decision.recorded;
import static dev.conveyor.order.order.Decision.refused;
import static dev.conveyor.order.order.Decision.resend;
import static dev.conveyor.order.order.Decision.stuck;
import static dev.conveyor.order.order.Decision.unexpected;
import static dev.conveyor.order.order.OrderStatus.CANCELLING;
import static dev.conveyor.order.order.OrderStatus.CONFIRMED;
import static dev.conveyor.order.order.OrderStatus.DELIVERED;
import static dev.conveyor.order.order.OrderStatus.SHIPPED;
import static dev.conveyor.order.order.OrderStatus.STOCK_RESERVED;
import static dev.conveyor.order.order.SagaCommand.AUTHORIZE_PAYMENT;
import static dev.conveyor.order.order.SagaCommand.CANCEL_SHIPMENT;
import static dev.conveyor.order.order.SagaCommand.CAPTURE_PAYMENT;
import static dev.conveyor.order.order.SagaCommand.COMMIT_STOCK;
import static dev.conveyor.order.order.SagaCommand.RELEASE_STOCK;
import static dev.conveyor.order.order.SagaCommand.RESERVE_STOCK;
import static dev.conveyor.order.order.SagaCommand.SCHEDULE_SHIPMENT;
import static dev.conveyor.order.order.SagaCommand.VOID_PAYMENT;
import static dev.conveyor.order.order.SagaEvent.ORDER_CANCELLED;
import static dev.conveyor.order.order.SagaEvent.ORDER_CONFIRMED;
import static dev.conveyor.order.order.SagaEvent.ORDER_DELIVERED;
import static dev.conveyor.order.order.SagaEvent.ORDER_PLACED;
import static dev.conveyor.order.order.SagaEvent.ORDER_SHIPPED;

/**
 * The fulfilment saga of DESIGN.md section 2 as one transition table: for the order's current status and a trigger
 * (a participant's reply, the customer's cancel, an expired deadline) the next status, the commands to send, the
 * events to publish, and the compensations a late reply needs. Plain Java: {@link Order#apply} asks it and applies
 * the answer; it is the only place where the legal moves of an order are written.
 *
 * <p>Every switch lists every status, and the switch on the trigger every trigger, so the compiler rejects a table
 * with a missing cell. Read a row as "in status S, trigger T does X". Per-order ordering of each topic (all saga
 * messages are keyed by orderId) is what makes the cells marked {@code unexpected()} impossible in practice; they
 * change nothing and log a warning.
 *
 * <p>Dispatch is the pivot: before it every step can be compensated (ReleaseStock, VoidPayment, CancelShipment);
 * after it the saga only moves forward (CapturePayment, CommitStock).
 *
 * <p>Deadlines: {@link #awaited} names the answer the saga waits for in each status; when it does not come in time,
 * {@link DeadlineExpired} decides. Before the order is paid, no answer cancels it (TIMED_OUT). Once paid, shipping's
 * silence is an outage, not a refusal: the idempotent command is sent again, at most {@code resendLimit} times, after
 * which the saga is stuck (visible to operators) until the answer comes.
 */
final class FulfilmentSaga {

    /** How long the saga waits for each answer, and how often it asks again. */
    interface Deadlines {

        /** How many times an unanswered shipping command is sent again before the saga is stuck. */
        int resendLimit();

        /** How long the saga waits for the step's answer the first time. */
        Duration timeout(Step step);

        /** The wait after the {@code attempts}-th re-send of the step's command. */
        Duration resendWait(Step step, int attempts);

        /** The wait before trying again a deadline whose handling failed {@code failures} times in a row. */
        Duration failureWait(int failures);
    }

    private final Deadlines deadlines;

    FulfilmentSaga(Deadlines deadlines) {
        if (deadlines.resendLimit() < 0) {
            throw new IllegalArgumentException("resendLimit must not be negative");
        }
        this.deadlines = deadlines;
    }

    Deadlines deadlines() {
        return deadlines;
    }

    /** POST /api/orders: the order starts PLACED; inventory is asked to reserve its lines. */
    Decision start() {
        return new Decision(Outcome.ADVANCED, OrderStatus.PLACED, null, null, List.of(RESERVE_STOCK),
                List.of(ORDER_PLACED));
    }

    /**
     * The answer the saga waits for in {@code status}, under a deadline; null when it waits for none: the warehouse's
     * dispatch and delivery have no deadline, and a finished order waits for nothing.
     */
    Step awaited(OrderStatus status, SagaProgress saga) {
        return switch (status) {
            case PLACED -> Step.STOCK;
            case STOCK_RESERVED -> Step.PAYMENT;
            case CONFIRMED -> saga.shipmentScheduled() ? null : Step.SHIPMENT;
            case CANCELLING -> Step.SHIPMENT_CANCELLATION;
            case SHIPPED, DELIVERED, CANCELLED -> null;
        };
    }

    /** The table. {@code saga} tells the few cells that depend on more than the status what was already done. */
    Decision on(OrderStatus status, Trigger trigger, SagaProgress saga) {
        return switch (trigger) {
            case StockReserved reply -> onStockReserved(status);
            case StockReservationRejected reply -> onStockReservationRejected(status);
            case PaymentAuthorized reply -> onPaymentAuthorized(status);
            case PaymentDeclined reply -> onPaymentDeclined(status);
            case ShipmentScheduled reply -> onShipmentScheduled(status);
            case ShipmentDispatched reply -> onShipmentDispatched(status, saga.dispatchHandled());
            case ShipmentDelivered reply -> onShipmentDelivered(status);
            case ShipmentCancelled reply -> onShipmentCancelled(status);
            case ShipmentCancellationRejected reply -> onShipmentCancellationRejected(status);
            case CustomerCancel cancel -> onCustomerCancel(status);
            case DeadlineExpired expiry -> onDeadlineExpired(status, saga);
            // Answers to compensating and closing commands: the saga asked and needs nothing more.
            case StockReleased reply -> acknowledged();
            case StockCommitted reply -> acknowledged();
            case PaymentCaptured reply -> acknowledged();
            case PaymentVoided reply -> acknowledged();
            // A refused capture (goods shipped, customer not charged) or a refused void (money may stay held)
            // cannot be repaired by the saga: operators follow up from the error log.
            case PaymentCaptureRejected reply -> alert();
            case PaymentVoidRejected reply -> alert();
        };
    }

    private Decision onStockReserved(OrderStatus status) {
        return switch (status) {
            case PLACED -> advance(STOCK_RESERVED).send(AUTHORIZE_PAYMENT);
            case STOCK_RESERVED, CONFIRMED, CANCELLING, SHIPPED, DELIVERED -> duplicate();
            // Cancelled (by the customer, a deadline) before the reservation arrived: give the stock back.
            case CANCELLED -> compensate(RELEASE_STOCK);
        };
    }

    private Decision onStockReservationRejected(OrderStatus status) {
        return switch (status) {
            case PLACED -> cancel(OUT_OF_STOCK).publish(ORDER_CANCELLED);
            // Inventory answered StockReserved before: it answers a reservation once, so this cannot happen.
            case STOCK_RESERVED, CONFIRMED, CANCELLING, SHIPPED, DELIVERED -> unexpected();
            // Already cancelled (a duplicate, or a reservation refused because we released first): nothing was held.
            case CANCELLED -> acknowledged();
        };
    }

    private Decision onPaymentAuthorized(OrderStatus status) {
        return switch (status) {
            // AuthorizePayment is only sent on entering STOCK_RESERVED.
            case PLACED -> unexpected();
            case STOCK_RESERVED -> advance(CONFIRMED).send(SCHEDULE_SHIPMENT).publish(ORDER_CONFIRMED);
            case CONFIRMED, CANCELLING, SHIPPED, DELIVERED -> duplicate();
            // Cancelled (by the customer, a deadline) while payment was authorising: release the hold.
            case CANCELLED -> compensate(VOID_PAYMENT);
        };
    }

    private Decision onPaymentDeclined(OrderStatus status) {
        return switch (status) {
            case PLACED -> unexpected();
            case STOCK_RESERVED -> cancel(PAYMENT_DECLINED).send(RELEASE_STOCK).publish(ORDER_CANCELLED);
            // Payment authorised this order before and answers an authorisation once.
            case CONFIRMED, CANCELLING, SHIPPED, DELIVERED -> unexpected();
            // Already cancelled, and the cancellation released the stock: nothing is held.
            case CANCELLED -> acknowledged();
        };
    }

    private Decision onShipmentScheduled(OrderStatus status) {
        return switch (status) {
            // ScheduleShipment is only sent on entering CONFIRMED.
            case PLACED, STOCK_RESERVED -> unexpected();
            // The shipment id is recorded; the status does not change.
            case CONFIRMED, CANCELLING, SHIPPED, DELIVERED -> recorded();
            // A shipment exists for an order that no longer wants it: cancel it.
            case CANCELLED -> compensate(CANCEL_SHIPMENT);
        };
    }

    private Decision onShipmentDispatched(OrderStatus status, boolean dispatchHandled) {
        return switch (status) {
            case PLACED, STOCK_RESERVED -> unexpected();
            case CONFIRMED -> advance(SHIPPED).send(CAPTURE_PAYMENT, COMMIT_STOCK).publish(ORDER_SHIPPED);
            // The dispatch won the race against the customer's cancel: the cancel is refused.
            case CANCELLING -> advance(SHIPPED).send(CAPTURE_PAYMENT, COMMIT_STOCK).publish(ORDER_SHIPPED)
                    .noting("cancel refused: already dispatched");
            // SHIPPED through a ShipmentCancellationRejected that arrived first: now close the shipped steps.
            case SHIPPED -> dispatchHandled ? duplicate()
                    : recorded().send(CAPTURE_PAYMENT, COMMIT_STOCK).publish(ORDER_SHIPPED);
            // DELIVERED through a delivery reported first (see ShipmentDelivered): keep the carrier and tracking number;
            // capture and commit were sent then.
            case DELIVERED -> dispatchHandled ? duplicate() : recorded();
            // Shipping confirmed the cancellation before; goods leaving now cannot be compensated by the saga.
            case CANCELLED -> alert();
        };
    }

    private Decision onShipmentDelivered(OrderStatus status) {
        return switch (status) {
            case PLACED, STOCK_RESERVED -> unexpected();
            // Delivery follows dispatch on the same topic and key, so it should not arrive first; if it does (a
            // dispatch event replayed from the dead letters, say), the goods were dispatched and delivered: close
            // the shipped steps now. The dispatch event, when it comes, adds its carrier and tracking number.
            case CONFIRMED -> advance(DELIVERED).send(CAPTURE_PAYMENT, COMMIT_STOCK).publish(ORDER_DELIVERED)
                    .noting("delivered before its dispatch was reported");
            case CANCELLING -> advance(DELIVERED).send(CAPTURE_PAYMENT, COMMIT_STOCK).publish(ORDER_DELIVERED)
                    .noting("cancel refused: already delivered");
            case SHIPPED -> advance(DELIVERED).publish(ORDER_DELIVERED);
            case DELIVERED -> duplicate();
            case CANCELLED -> alert();
        };
    }

    private Decision onShipmentCancelled(OrderStatus status) {
        return switch (status) {
            // CancelShipment is only sent on entering CANCELLING (or for a late ShipmentScheduled once CANCELLED).
            case PLACED, STOCK_RESERVED, CONFIRMED, SHIPPED, DELIVERED -> unexpected();
            case CANCELLING -> cancel(CUSTOMER_CANCELLED).send(VOID_PAYMENT, RELEASE_STOCK).publish(ORDER_CANCELLED);
            case CANCELLED -> duplicate();
        };
    }

    private Decision onShipmentCancellationRejected(OrderStatus status) {
        return switch (status) {
            case PLACED, STOCK_RESERVED, CONFIRMED -> unexpected();
            // Already dispatched: back to SHIPPED, the cancel is refused. Capture and commit follow the dispatch
            // event (see ShipmentDispatched in SHIPPED), which carries the carrier and tracking number.
            case CANCELLING -> advance(SHIPPED).noting("cancel refused: already dispatched");
            // The dispatch event arrived first and moved the order on: the refusal is already reflected.
            case SHIPPED, DELIVERED -> acknowledged();
            case CANCELLED -> unexpected();
        };
    }

    private Decision onCustomerCancel(OrderStatus status) {
        return switch (status) {
            // ReleaseStock always: inventory answers it even when nothing was (or will be) reserved.
            case PLACED -> cancel(CUSTOMER_CANCELLED).send(RELEASE_STOCK).publish(ORDER_CANCELLED);
            // AuthorizePayment was sent on entering STOCK_RESERVED: void whatever it holds.
            case STOCK_RESERVED -> cancel(CUSTOMER_CANCELLED).send(RELEASE_STOCK, VOID_PAYMENT).publish(ORDER_CANCELLED);
            // A shipment is (being) scheduled: ask shipping first; ShipmentCancelled finishes the cancellation.
            case CONFIRMED -> advance(CANCELLING).send(CANCEL_SHIPMENT);
            case CANCELLING -> duplicate();
            case SHIPPED, DELIVERED, CANCELLED -> refused();
        };
    }

    private Decision onDeadlineExpired(OrderStatus status, SagaProgress saga) {
        return switch (status) {
            // Not paid yet: the customer would rather know now than wait; undo what may have been done.
            case PLACED -> cancel(TIMED_OUT).send(RELEASE_STOCK).publish(ORDER_CANCELLED);
            case STOCK_RESERVED -> cancel(TIMED_OUT).send(RELEASE_STOCK, VOID_PAYMENT).publish(ORDER_CANCELLED);
            // Paid and confirmed: shipping is slow or away, it has not said no. Ask again (shipping answers a repeat
            // with the same shipment); after the last re-send an operator looks. Cancelling instead would turn an
            // outage into lost orders, and could not release anything before shipping answers either.
            case CONFIRMED -> saga.shipmentScheduled() ? acknowledged() : resendOrStuck(SCHEDULE_SHIPMENT, saga);
            // The customer asked to cancel: ask shipping again; payment and stock wait for its answer (the pivot).
            case CANCELLING -> resendOrStuck(CANCEL_SHIPMENT, saga);
            // The step was answered before the deadline job got to it: the deadline is stale.
            case SHIPPED, DELIVERED, CANCELLED -> acknowledged();
        };
    }

    private Decision resendOrStuck(SagaCommand command, SagaProgress saga) {
        return saga.attempts() < deadlines.resendLimit() ? resend(command) : stuck();
    }
}

package dev.conveyor.order.order;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.conveyor.order.order.CancellationReason.CUSTOMER_CANCELLED;
import static dev.conveyor.order.order.CancellationReason.OUT_OF_STOCK;
import static dev.conveyor.order.order.CancellationReason.PAYMENT_DECLINED;
import static dev.conveyor.order.order.CancellationReason.TIMED_OUT;
import static dev.conveyor.order.order.OrderStatus.CANCELLED;
import static dev.conveyor.order.order.OrderStatus.CANCELLING;
import static dev.conveyor.order.order.OrderStatus.CONFIRMED;
import static dev.conveyor.order.order.OrderStatus.DELIVERED;
import static dev.conveyor.order.order.OrderStatus.PLACED;
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
import static dev.conveyor.order.order.FulfilmentSagaTest.Triggers.CUSTOMER_CANCEL;
import static dev.conveyor.order.order.FulfilmentSagaTest.Triggers.DEADLINE_EXPIRED;
import static dev.conveyor.order.order.FulfilmentSagaTest.Triggers.PAYMENT_AUTHORIZED;
import static dev.conveyor.order.order.FulfilmentSagaTest.Triggers.PAYMENT_CAPTURED;
import static dev.conveyor.order.order.FulfilmentSagaTest.Triggers.PAYMENT_CAPTURE_REJECTED;
import static dev.conveyor.order.order.FulfilmentSagaTest.Triggers.PAYMENT_VOIDED;
import static dev.conveyor.order.order.FulfilmentSagaTest.Triggers.PAYMENT_VOID_REJECTED;
import static dev.conveyor.order.order.FulfilmentSagaTest.Triggers.SHIPMENT_CANCELLATION_REJECTED;
import static dev.conveyor.order.order.FulfilmentSagaTest.Triggers.SHIPMENT_CANCELLED;
import static dev.conveyor.order.order.FulfilmentSagaTest.Triggers.SHIPMENT_DELIVERED;
import static dev.conveyor.order.order.FulfilmentSagaTest.Triggers.SHIPMENT_DISPATCHED;
import static dev.conveyor.order.order.FulfilmentSagaTest.Triggers.SHIPMENT_SCHEDULED;
import static dev.conveyor.order.order.FulfilmentSagaTest.Triggers.STOCK_COMMITTED;
import static dev.conveyor.order.order.FulfilmentSagaTest.Triggers.STOCK_RELEASED;
import static dev.conveyor.order.order.FulfilmentSagaTest.Triggers.STOCK_RESERVATION_REJECTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every cell of the fulfilment saga's transition table, each with its expected outcome written out: status reached,
 * cancellation reason, commands sent, events published. Plain Java, no Spring.
 */
class FulfilmentSagaTest {

    private static final int RESEND_LIMIT = 2;

    private final FulfilmentSaga saga = new FulfilmentSaga(settings(RESEND_LIMIT));

    /** One trigger of each kind, with made-up facts, under the names the table's rows use. */
    static final class Triggers {
        static final Trigger STOCK_RESERVED = new Trigger.StockReserved();
        static final Trigger STOCK_RESERVATION_REJECTED = new Trigger.StockReservationRejected();
        static final Trigger PAYMENT_AUTHORIZED = new Trigger.PaymentAuthorized(UUID.randomUUID());
        static final Trigger PAYMENT_DECLINED = new Trigger.PaymentDeclined();
        static final Trigger SHIPMENT_SCHEDULED = new Trigger.ShipmentScheduled(UUID.randomUUID());
        static final Trigger SHIPMENT_DISPATCHED = new Trigger.ShipmentDispatched(UUID.randomUUID(), "DHL", "T-1");
        static final Trigger SHIPMENT_DELIVERED = new Trigger.ShipmentDelivered(UUID.randomUUID());
        static final Trigger SHIPMENT_CANCELLED = new Trigger.ShipmentCancelled();
        static final Trigger SHIPMENT_CANCELLATION_REJECTED = new Trigger.ShipmentCancellationRejected(UUID.randomUUID());
        static final Trigger STOCK_RELEASED = new Trigger.StockReleased();
        static final Trigger STOCK_COMMITTED = new Trigger.StockCommitted();
        static final Trigger PAYMENT_CAPTURED = new Trigger.PaymentCaptured();
        static final Trigger PAYMENT_CAPTURE_REJECTED = new Trigger.PaymentCaptureRejected();
        static final Trigger PAYMENT_VOIDED = new Trigger.PaymentVoided();
        static final Trigger PAYMENT_VOID_REJECTED = new Trigger.PaymentVoidRejected();
        static final Trigger CUSTOMER_CANCEL = new Trigger.CustomerCancel();
        static final Trigger DEADLINE_EXPIRED = new Trigger.DeadlineExpired();

        /** Every kind of trigger: the sealed interface's permitted records, each once. */
        static final List<Trigger> ALL = List.of(STOCK_RESERVED, STOCK_RESERVATION_REJECTED, PAYMENT_AUTHORIZED,
                PAYMENT_DECLINED, SHIPMENT_SCHEDULED, SHIPMENT_DISPATCHED, SHIPMENT_DELIVERED, SHIPMENT_CANCELLED,
                SHIPMENT_CANCELLATION_REJECTED, STOCK_RELEASED, STOCK_COMMITTED, PAYMENT_CAPTURED,
                PAYMENT_CAPTURE_REJECTED, PAYMENT_VOIDED, PAYMENT_VOID_REJECTED, CUSTOMER_CANCEL, DEADLINE_EXPIRED);

        private Triggers() {
        }
    }

    static SagaSettings settings(int resendLimit) {
        return new SagaSettings(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(10),
                Duration.ofMinutes(10), resendLimit, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(5),
                100);
    }

    /** One expected cell: given the status and the trigger, this outcome. */
    record Cell(OrderStatus status, Trigger trigger, Outcome outcome, OrderStatus next, CancellationReason reason,
            List<SagaCommand> commands, List<SagaEvent> events) {

        @Override
        public String toString() {
            return status + " + " + trigger + " -> " + outcome + (next == null ? "" : " " + next)
                    + (reason == null ? "" : "(" + reason + ")") + " " + commands + " " + events;
        }
    }

    private static Cell cell(OrderStatus status, Trigger trigger, Outcome outcome, OrderStatus next,
            CancellationReason reason, List<SagaCommand> commands, List<SagaEvent> events) {
        return new Cell(status, trigger, outcome, next, reason, commands, events);
    }

    private static Cell nothing(OrderStatus status, Trigger trigger, Outcome outcome) {
        return cell(status, trigger, outcome, null, null, List.of(), List.of());
    }

    static Stream<Cell> table() {
        return Stream.of(
                // StockReserved
                cell(PLACED, Triggers.STOCK_RESERVED, Outcome.ADVANCED, STOCK_RESERVED, null, List.of(AUTHORIZE_PAYMENT), List.of()),
                nothing(STOCK_RESERVED, Triggers.STOCK_RESERVED, Outcome.DUPLICATE),
                nothing(CONFIRMED, Triggers.STOCK_RESERVED, Outcome.DUPLICATE),
                nothing(CANCELLING, Triggers.STOCK_RESERVED, Outcome.DUPLICATE),
                nothing(SHIPPED, Triggers.STOCK_RESERVED, Outcome.DUPLICATE),
                nothing(DELIVERED, Triggers.STOCK_RESERVED, Outcome.DUPLICATE),
                cell(CANCELLED, Triggers.STOCK_RESERVED, Outcome.COMPENSATED, null, null, List.of(RELEASE_STOCK), List.of()),
                // StockReservationRejected
                cell(PLACED, STOCK_RESERVATION_REJECTED, Outcome.ADVANCED, CANCELLED, OUT_OF_STOCK, List.of(), List.of(ORDER_CANCELLED)),
                nothing(STOCK_RESERVED, STOCK_RESERVATION_REJECTED, Outcome.UNEXPECTED),
                nothing(CONFIRMED, STOCK_RESERVATION_REJECTED, Outcome.UNEXPECTED),
                nothing(CANCELLING, STOCK_RESERVATION_REJECTED, Outcome.UNEXPECTED),
                nothing(SHIPPED, STOCK_RESERVATION_REJECTED, Outcome.UNEXPECTED),
                nothing(DELIVERED, STOCK_RESERVATION_REJECTED, Outcome.UNEXPECTED),
                nothing(CANCELLED, STOCK_RESERVATION_REJECTED, Outcome.ACKNOWLEDGED),
                // PaymentAuthorized
                nothing(PLACED, PAYMENT_AUTHORIZED, Outcome.UNEXPECTED),
                cell(STOCK_RESERVED, PAYMENT_AUTHORIZED, Outcome.ADVANCED, CONFIRMED, null, List.of(SCHEDULE_SHIPMENT), List.of(ORDER_CONFIRMED)),
                nothing(CONFIRMED, PAYMENT_AUTHORIZED, Outcome.DUPLICATE),
                nothing(CANCELLING, PAYMENT_AUTHORIZED, Outcome.DUPLICATE),
                nothing(SHIPPED, PAYMENT_AUTHORIZED, Outcome.DUPLICATE),
                nothing(DELIVERED, PAYMENT_AUTHORIZED, Outcome.DUPLICATE),
                cell(CANCELLED, PAYMENT_AUTHORIZED, Outcome.COMPENSATED, null, null, List.of(VOID_PAYMENT), List.of()),
                // PaymentDeclined
                nothing(PLACED, Triggers.PAYMENT_DECLINED, Outcome.UNEXPECTED),
                cell(STOCK_RESERVED, Triggers.PAYMENT_DECLINED, Outcome.ADVANCED, CANCELLED, PAYMENT_DECLINED, List.of(RELEASE_STOCK), List.of(ORDER_CANCELLED)),
                nothing(CONFIRMED, Triggers.PAYMENT_DECLINED, Outcome.UNEXPECTED),
                nothing(CANCELLING, Triggers.PAYMENT_DECLINED, Outcome.UNEXPECTED),
                nothing(SHIPPED, Triggers.PAYMENT_DECLINED, Outcome.UNEXPECTED),
                nothing(DELIVERED, Triggers.PAYMENT_DECLINED, Outcome.UNEXPECTED),
                nothing(CANCELLED, Triggers.PAYMENT_DECLINED, Outcome.ACKNOWLEDGED),
                // ShipmentScheduled
                nothing(PLACED, SHIPMENT_SCHEDULED, Outcome.UNEXPECTED),
                nothing(STOCK_RESERVED, SHIPMENT_SCHEDULED, Outcome.UNEXPECTED),
                nothing(CONFIRMED, SHIPMENT_SCHEDULED, Outcome.RECORDED),
                nothing(CANCELLING, SHIPMENT_SCHEDULED, Outcome.RECORDED),
                nothing(SHIPPED, SHIPMENT_SCHEDULED, Outcome.RECORDED),
                nothing(DELIVERED, SHIPMENT_SCHEDULED, Outcome.RECORDED),
                cell(CANCELLED, SHIPMENT_SCHEDULED, Outcome.COMPENSATED, null, null, List.of(CANCEL_SHIPMENT), List.of()),
                // ShipmentDispatched (SHIPPED here: reached by a dispatch, see the dedicated tests for the other case)
                nothing(PLACED, SHIPMENT_DISPATCHED, Outcome.UNEXPECTED),
                nothing(STOCK_RESERVED, SHIPMENT_DISPATCHED, Outcome.UNEXPECTED),
                cell(CONFIRMED, SHIPMENT_DISPATCHED, Outcome.ADVANCED, SHIPPED, null, List.of(CAPTURE_PAYMENT, COMMIT_STOCK), List.of(ORDER_SHIPPED)),
                cell(CANCELLING, SHIPMENT_DISPATCHED, Outcome.ADVANCED, SHIPPED, null, List.of(CAPTURE_PAYMENT, COMMIT_STOCK), List.of(ORDER_SHIPPED)),
                nothing(SHIPPED, SHIPMENT_DISPATCHED, Outcome.DUPLICATE),
                nothing(DELIVERED, SHIPMENT_DISPATCHED, Outcome.DUPLICATE),
                nothing(CANCELLED, SHIPMENT_DISPATCHED, Outcome.ALERT),
                // ShipmentDelivered
                nothing(PLACED, SHIPMENT_DELIVERED, Outcome.UNEXPECTED),
                nothing(STOCK_RESERVED, SHIPMENT_DELIVERED, Outcome.UNEXPECTED),
                cell(CONFIRMED, SHIPMENT_DELIVERED, Outcome.ADVANCED, DELIVERED, null, List.of(CAPTURE_PAYMENT, COMMIT_STOCK), List.of(ORDER_DELIVERED)),
                cell(CANCELLING, SHIPMENT_DELIVERED, Outcome.ADVANCED, DELIVERED, null, List.of(CAPTURE_PAYMENT, COMMIT_STOCK), List.of(ORDER_DELIVERED)),
                cell(SHIPPED, SHIPMENT_DELIVERED, Outcome.ADVANCED, DELIVERED, null, List.of(), List.of(ORDER_DELIVERED)),
                nothing(DELIVERED, SHIPMENT_DELIVERED, Outcome.DUPLICATE),
                nothing(CANCELLED, SHIPMENT_DELIVERED, Outcome.ALERT),
                // ShipmentCancelled
                nothing(PLACED, SHIPMENT_CANCELLED, Outcome.UNEXPECTED),
                nothing(STOCK_RESERVED, SHIPMENT_CANCELLED, Outcome.UNEXPECTED),
                nothing(CONFIRMED, SHIPMENT_CANCELLED, Outcome.UNEXPECTED),
                cell(CANCELLING, SHIPMENT_CANCELLED, Outcome.ADVANCED, CANCELLED, CUSTOMER_CANCELLED, List.of(VOID_PAYMENT, RELEASE_STOCK), List.of(ORDER_CANCELLED)),
                nothing(SHIPPED, SHIPMENT_CANCELLED, Outcome.UNEXPECTED),
                nothing(DELIVERED, SHIPMENT_CANCELLED, Outcome.UNEXPECTED),
                nothing(CANCELLED, SHIPMENT_CANCELLED, Outcome.DUPLICATE),
                // ShipmentCancellationRejected
                nothing(PLACED, SHIPMENT_CANCELLATION_REJECTED, Outcome.UNEXPECTED),
                nothing(STOCK_RESERVED, SHIPMENT_CANCELLATION_REJECTED, Outcome.UNEXPECTED),
                nothing(CONFIRMED, SHIPMENT_CANCELLATION_REJECTED, Outcome.UNEXPECTED),
                cell(CANCELLING, SHIPMENT_CANCELLATION_REJECTED, Outcome.ADVANCED, SHIPPED, null, List.of(), List.of()),
                nothing(SHIPPED, SHIPMENT_CANCELLATION_REJECTED, Outcome.ACKNOWLEDGED),
                nothing(DELIVERED, SHIPMENT_CANCELLATION_REJECTED, Outcome.ACKNOWLEDGED),
                nothing(CANCELLED, SHIPMENT_CANCELLATION_REJECTED, Outcome.UNEXPECTED),
                // the customer's cancel
                cell(PLACED, CUSTOMER_CANCEL, Outcome.ADVANCED, CANCELLED, CUSTOMER_CANCELLED, List.of(RELEASE_STOCK), List.of(ORDER_CANCELLED)),
                cell(STOCK_RESERVED, CUSTOMER_CANCEL, Outcome.ADVANCED, CANCELLED, CUSTOMER_CANCELLED, List.of(RELEASE_STOCK, VOID_PAYMENT), List.of(ORDER_CANCELLED)),
                cell(CONFIRMED, CUSTOMER_CANCEL, Outcome.ADVANCED, CANCELLING, null, List.of(CANCEL_SHIPMENT), List.of()),
                nothing(CANCELLING, CUSTOMER_CANCEL, Outcome.DUPLICATE),
                nothing(SHIPPED, CUSTOMER_CANCEL, Outcome.REFUSED),
                nothing(DELIVERED, CUSTOMER_CANCEL, Outcome.REFUSED),
                nothing(CANCELLED, CUSTOMER_CANCEL, Outcome.REFUSED),
                // an expired step deadline
                cell(PLACED, DEADLINE_EXPIRED, Outcome.ADVANCED, CANCELLED, TIMED_OUT, List.of(RELEASE_STOCK), List.of(ORDER_CANCELLED)),
                cell(STOCK_RESERVED, DEADLINE_EXPIRED, Outcome.ADVANCED, CANCELLED, TIMED_OUT, List.of(RELEASE_STOCK, VOID_PAYMENT), List.of(ORDER_CANCELLED)),
                // (CONFIRMED, CANCELLING: a saga that asked nothing again yet; see the dedicated tests for the rest)
                cell(CONFIRMED, DEADLINE_EXPIRED, Outcome.RESENT, null, null, List.of(SCHEDULE_SHIPMENT), List.of()),
                cell(CANCELLING, DEADLINE_EXPIRED, Outcome.RESENT, null, null, List.of(CANCEL_SHIPMENT), List.of()),
                nothing(SHIPPED, DEADLINE_EXPIRED, Outcome.ACKNOWLEDGED),
                nothing(DELIVERED, DEADLINE_EXPIRED, Outcome.ACKNOWLEDGED),
                nothing(CANCELLED, DEADLINE_EXPIRED, Outcome.ACKNOWLEDGED),
                // StockReleased: the answer to a compensation
                nothing(PLACED, STOCK_RELEASED, Outcome.ACKNOWLEDGED),
                nothing(STOCK_RESERVED, STOCK_RELEASED, Outcome.ACKNOWLEDGED),
                nothing(CONFIRMED, STOCK_RELEASED, Outcome.ACKNOWLEDGED),
                nothing(CANCELLING, STOCK_RELEASED, Outcome.ACKNOWLEDGED),
                nothing(SHIPPED, STOCK_RELEASED, Outcome.ACKNOWLEDGED),
                nothing(DELIVERED, STOCK_RELEASED, Outcome.ACKNOWLEDGED),
                nothing(CANCELLED, STOCK_RELEASED, Outcome.ACKNOWLEDGED),
                // StockCommitted
                nothing(PLACED, STOCK_COMMITTED, Outcome.ACKNOWLEDGED),
                nothing(STOCK_RESERVED, STOCK_COMMITTED, Outcome.ACKNOWLEDGED),
                nothing(CONFIRMED, STOCK_COMMITTED, Outcome.ACKNOWLEDGED),
                nothing(CANCELLING, STOCK_COMMITTED, Outcome.ACKNOWLEDGED),
                nothing(SHIPPED, STOCK_COMMITTED, Outcome.ACKNOWLEDGED),
                nothing(DELIVERED, STOCK_COMMITTED, Outcome.ACKNOWLEDGED),
                nothing(CANCELLED, STOCK_COMMITTED, Outcome.ACKNOWLEDGED),
                // PaymentCaptured
                nothing(PLACED, PAYMENT_CAPTURED, Outcome.ACKNOWLEDGED),
                nothing(STOCK_RESERVED, PAYMENT_CAPTURED, Outcome.ACKNOWLEDGED),
                nothing(CONFIRMED, PAYMENT_CAPTURED, Outcome.ACKNOWLEDGED),
                nothing(CANCELLING, PAYMENT_CAPTURED, Outcome.ACKNOWLEDGED),
                nothing(SHIPPED, PAYMENT_CAPTURED, Outcome.ACKNOWLEDGED),
                nothing(DELIVERED, PAYMENT_CAPTURED, Outcome.ACKNOWLEDGED),
                nothing(CANCELLED, PAYMENT_CAPTURED, Outcome.ACKNOWLEDGED),
                // PaymentVoided
                nothing(PLACED, PAYMENT_VOIDED, Outcome.ACKNOWLEDGED),
                nothing(STOCK_RESERVED, PAYMENT_VOIDED, Outcome.ACKNOWLEDGED),
                nothing(CONFIRMED, PAYMENT_VOIDED, Outcome.ACKNOWLEDGED),
                nothing(CANCELLING, PAYMENT_VOIDED, Outcome.ACKNOWLEDGED),
                nothing(SHIPPED, PAYMENT_VOIDED, Outcome.ACKNOWLEDGED),
                nothing(DELIVERED, PAYMENT_VOIDED, Outcome.ACKNOWLEDGED),
                nothing(CANCELLED, PAYMENT_VOIDED, Outcome.ACKNOWLEDGED),
                // PaymentCaptureRejected: shipped but not charged
                nothing(PLACED, PAYMENT_CAPTURE_REJECTED, Outcome.ALERT),
                nothing(STOCK_RESERVED, PAYMENT_CAPTURE_REJECTED, Outcome.ALERT),
                nothing(CONFIRMED, PAYMENT_CAPTURE_REJECTED, Outcome.ALERT),
                nothing(CANCELLING, PAYMENT_CAPTURE_REJECTED, Outcome.ALERT),
                nothing(SHIPPED, PAYMENT_CAPTURE_REJECTED, Outcome.ALERT),
                nothing(DELIVERED, PAYMENT_CAPTURE_REJECTED, Outcome.ALERT),
                nothing(CANCELLED, PAYMENT_CAPTURE_REJECTED, Outcome.ALERT),
                // PaymentVoidRejected: a hold we meant to release may remain
                nothing(PLACED, PAYMENT_VOID_REJECTED, Outcome.ALERT),
                nothing(STOCK_RESERVED, PAYMENT_VOID_REJECTED, Outcome.ALERT),
                nothing(CONFIRMED, PAYMENT_VOID_REJECTED, Outcome.ALERT),
                nothing(CANCELLING, PAYMENT_VOID_REJECTED, Outcome.ALERT),
                nothing(SHIPPED, PAYMENT_VOID_REJECTED, Outcome.ALERT),
                nothing(DELIVERED, PAYMENT_VOID_REJECTED, Outcome.ALERT),
                nothing(CANCELLED, PAYMENT_VOID_REJECTED, Outcome.ALERT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void appliesTheCell(Cell cell) {
        Decision transition = saga.on(cell.status(), cell.trigger(), sagaWhoseDispatchWasHandled());

        assertThat(transition.outcome()).as("outcome").isEqualTo(cell.outcome());
        assertThat(transition.next()).as("next status").isEqualTo(cell.next());
        assertThat(transition.reason()).as("cancellation reason").isEqualTo(cell.reason());
        assertThat(transition.commands()).as("commands").isEqualTo(cell.commands());
        assertThat(transition.events()).as("events").isEqualTo(cell.events());
    }

    @Test
    void namesEveryKindOfTrigger() {
        assertThat(Triggers.ALL).extracting(Object::getClass)
                .containsExactlyInAnyOrder(Trigger.class.getPermittedSubclasses());
    }

    @Test
    void tableCoversEveryStatusAndTrigger() {
        Set<String> covered = new HashSet<>();
        table().forEach(cell -> assertThat(covered.add(cell.status() + "/" + cell.trigger()))
                .as("one expectation per cell: %s", cell).isTrue());
        for (OrderStatus status : OrderStatus.values()) {
            for (Trigger trigger : Triggers.ALL) {
                assertThat(covered).as("expected outcome written for %s + %s", status, trigger)
                        .contains(status + "/" + trigger);
            }
        }
    }

    @Test
    void startsAPlacedOrderByReservingStock() {
        Decision start = saga.start();

        assertThat(start.next()).isEqualTo(PLACED);
        assertThat(start.commands()).containsExactly(RESERVE_STOCK);
        assertThat(start.events()).containsExactly(ORDER_PLACED);
    }

    @Test
    void closesTheShippedStepsWhenTheDispatchArrivesAfterTheCancellationWasRejected() {
        Decision transition = saga.on(SHIPPED, SHIPMENT_DISPATCHED, freshSaga());

        assertThat(transition.outcome()).isEqualTo(Outcome.RECORDED);
        assertThat(transition.next()).isNull();
        assertThat(transition.commands()).containsExactly(CAPTURE_PAYMENT, COMMIT_STOCK);
        assertThat(transition.events()).containsExactly(ORDER_SHIPPED);
    }

    @Test
    void takesADeliveryReportedBeforeItsDispatchAsBothAndKeepsTheDispatchsFactsWhenItComes() {
        Decision delivered = saga.on(CONFIRMED, SHIPMENT_DELIVERED, freshSaga());
        Decision dispatchedLater = saga.on(DELIVERED, SHIPMENT_DISPATCHED, freshSaga());

        assertThat(delivered.next()).isEqualTo(DELIVERED);
        assertThat(delivered.commands()).containsExactly(CAPTURE_PAYMENT, COMMIT_STOCK);
        assertThat(delivered.note()).contains("before its dispatch");
        assertThat(dispatchedLater.outcome()).as("recorded: its carrier and tracking number are kept").isEqualTo(Outcome.RECORDED);
        assertThat(dispatchedLater.commands()).as("capture and commit were sent with the delivery").isEmpty();
        assertThat(dispatchedLater.events()).isEmpty();
    }

    @Test
    void notesThatTheCancelWasRefusedWhenTheDispatchWinsTheRace() {
        assertThat(saga.on(CANCELLING, SHIPMENT_DISPATCHED, freshSaga()).note()).contains("cancel refused");
        assertThat(saga.on(CANCELLING, SHIPMENT_CANCELLATION_REJECTED, freshSaga()).note()).contains("cancel refused");
    }

    @Test
    void onlyStatusesTheOrderMayLeaveForAreEverTargeted() {
        Set<OrderStatus> targets = EnumSet.noneOf(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            for (Trigger trigger : Triggers.ALL) {
                Decision transition = saga.on(status, trigger, freshSaga());
                if (transition.next() != null) {
                    targets.add(transition.next());
                    assertThat(status.isTerminal()).as("%s + %s leaves a terminal status", status, trigger).isFalse();
                }
            }
        }
        assertThat(targets).doesNotContain(PLACED);
    }

    @Test
    void waitsForTheAnswerToTheCommandItLastSent() {
        assertThat(saga.awaited(PLACED, freshSaga())).isEqualTo(Step.STOCK);
        assertThat(saga.awaited(STOCK_RESERVED, freshSaga())).isEqualTo(Step.PAYMENT);
        assertThat(saga.awaited(CONFIRMED, freshSaga())).isEqualTo(Step.SHIPMENT);
        assertThat(saga.awaited(CANCELLING, freshSaga())).isEqualTo(Step.SHIPMENT_CANCELLATION);
        assertThat(saga.awaited(SHIPPED, freshSaga())).isNull();
        assertThat(saga.awaited(DELIVERED, freshSaga())).isNull();
        assertThat(saga.awaited(CANCELLED, freshSaga())).isNull();
    }

    @Test
    void waitsForNoDeadlineOnceTheShipmentIsScheduled() {
        SagaProgress scheduled = freshSaga();
        scheduled.noteShipmentScheduled();

        assertThat(saga.awaited(CONFIRMED, scheduled)).as("the warehouse's dispatch has no deadline").isNull();
        assertThat(saga.on(CONFIRMED, DEADLINE_EXPIRED, scheduled).outcome()).isEqualTo(Outcome.ACKNOWLEDGED);
    }

    @Test
    void sendsScheduleShipmentAgainUntilTheResendLimitThenIsStuckWithoutCancelling() {
        SagaProgress waiting = freshSaga();
        waiting.resent(Instant.parse("2030-01-01T00:10:00Z"), Duration.ofMinutes(20));
        assertThat(saga.on(CONFIRMED, DEADLINE_EXPIRED, waiting).commands()).containsExactly(SCHEDULE_SHIPMENT);

        waiting.resent(Instant.parse("2030-01-01T00:30:00Z"), Duration.ofMinutes(40));
        Decision exhausted = saga.on(CONFIRMED, DEADLINE_EXPIRED, waiting);

        assertThat(exhausted.outcome()).isEqualTo(Outcome.STUCK);
        assertThat(exhausted.next()).as("a paid order is not cancelled by shipping's silence").isNull();
        assertThat(exhausted.commands()).isEmpty();
        assertThat(exhausted.events()).isEmpty();
    }

    @Test
    void sendsCancelShipmentAgainUntilTheResendLimitThenIsStuckWithoutCompensating() {
        SagaProgress waiting = freshSaga();
        waiting.resent(Instant.parse("2030-01-01T00:10:00Z"), Duration.ofMinutes(20));
        assertThat(saga.on(CANCELLING, DEADLINE_EXPIRED, waiting).commands()).containsExactly(CANCEL_SHIPMENT);

        waiting.resent(Instant.parse("2030-01-01T00:30:00Z"), Duration.ofMinutes(40));
        Decision exhausted = saga.on(CANCELLING, DEADLINE_EXPIRED, waiting);

        assertThat(exhausted.outcome()).isEqualTo(Outcome.STUCK);
        assertThat(exhausted.next()).isNull();
        assertThat(exhausted.commands()).as("payment and stock wait for shipping's answer").isEmpty();
    }

    @Test
    void isStuckAtOnceWhenNothingMayBeSentAgain() {
        FulfilmentSaga neverResends = new FulfilmentSaga(settings(0));

        assertThat(neverResends.on(CONFIRMED, DEADLINE_EXPIRED, freshSaga()).outcome()).isEqualTo(Outcome.STUCK);
        assertThat(neverResends.on(CANCELLING, DEADLINE_EXPIRED, freshSaga()).outcome()).isEqualTo(Outcome.STUCK);
    }

    @Test
    void everyAwaitedAnswerHasADeadlineCellThatActs() {
        for (OrderStatus status : OrderStatus.values()) {
            if (saga.awaited(status, freshSaga()) != null) {
                assertThat(saga.on(status, DEADLINE_EXPIRED, freshSaga()).outcome())
                        .as("an expired deadline in %s", status)
                        .isIn(Outcome.ADVANCED, Outcome.RESENT, Outcome.STUCK);
            }
        }
    }

    private static SagaProgress freshSaga() {
        return SagaProgress.start("tok_visa_ok");
    }

    private static SagaProgress sagaWhoseDispatchWasHandled() {
        SagaProgress state = freshSaga();
        state.noteDispatchHandled();
        return state;
    }
}

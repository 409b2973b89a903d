package dev.conveyor.order.order;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.conveyor.events.Money;
import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.order.OrderCancelled;
import dev.conveyor.events.order.OrderPlaced;
import dev.conveyor.events.order.OrderShipped;
import dev.conveyor.events.payment.CapturePayment;
import dev.conveyor.events.payment.VoidPayment;
import dev.conveyor.events.inventory.CommitStock;

import static dev.conveyor.order.order.OrderMother.PLACED_AT;
import static dev.conveyor.order.order.OrderMother.TABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTest {

    @Test
    void isPlacedWithTheSumOfItsLinesAsTotal() {
        Order order = OrderMother.placedOrder();

        assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(order.total()).isEqualTo(new Money("44.98", "EUR"));
        assertThat(order.history()).extracting(StatusChange::status).containsExactly(OrderStatus.PLACED);
    }

    @Test
    void startsByAskingForStockUnderTheStockDeadline() {
        Order order = Order.place(UUID.randomUUID(), "c", List.of(OrderMother.line("SKU-1", 1, "1.00")),
                OrderMother.address(), "tok_visa_ok", PLACED_AT);

        assertThat(order.start(TABLE, PLACED_AT)).map(Object::getClass).containsExactly(ReserveStock.class,
                OrderPlaced.class);
        assertThat(order.saga().awaiting()).isEqualTo(Step.STOCK);
        assertThat(order.saga().deadline()).isEqualTo(PLACED_AT.plus(Duration.ofMinutes(5)));
        assertThat(order.start(TABLE, PLACED_AT.plusSeconds(1))).as("started once").isEmpty();
    }

    @Test
    void refusesLinesInSeveralCurrencies() {
        List<OrderLine> lines = List.of(OrderMother.line("SKU-1", 1, "1.00"),
                new OrderLine("SKU-2", "Other", 1, new Money("1.00", "USD")));

        assertThatThrownBy(() -> Order.place(UUID.randomUUID(), "c", lines, OrderMother.address(), "tok", PLACED_AT))
                .isInstanceOf(MixedCurrenciesException.class)
                .hasMessageContaining("EUR").hasMessageContaining("USD");
    }

    @Test
    void recordsEachStatusChangeInItsHistoryAndReturnsTheMessagesItCauses() {
        Order order = OrderMother.confirmedOrder();

        Order.Applied applied = order.apply(new Trigger.ShipmentDispatched(UUID.randomUUID(), "DHL", "T-1"), TABLE,
                PLACED_AT.plusSeconds(3));

        assertThat(order.history()).extracting(StatusChange::status).containsExactly(OrderStatus.PLACED,
                OrderStatus.STOCK_RESERVED, OrderStatus.CONFIRMED, OrderStatus.SHIPPED);
        assertThat(order.updatedAt()).isEqualTo(PLACED_AT.plusSeconds(3));
        assertThat(applied.messages()).map(Object::getClass).containsExactly(CapturePayment.class, CommitStock.class,
                OrderShipped.class);
        assertThat(((OrderShipped) applied.messages().getLast()).trackingNumber()).isEqualTo("T-1");
    }

    @Test
    void aRepeatedReplyChangesNothingAndSendsNothing() {
        Order order = OrderMother.confirmedOrder();

        Order.Applied repeat = order.apply(new Trigger.PaymentAuthorized(UUID.randomUUID()), TABLE,
                PLACED_AT.plusSeconds(9));

        assertThat(repeat.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(repeat.messages()).isEmpty();
        assertThat(order.history()).hasSize(3);
        assertThat(order.updatedAt()).isEqualTo(PLACED_AT.plusSeconds(2));
    }

    @Test
    void keepsTheCancellationReason() {
        Order order = OrderMother.placedOrder();

        Order.Applied applied = order.apply(new Trigger.StockReservationRejected(), TABLE, PLACED_AT.plusSeconds(1));

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.OUT_OF_STOCK);
        assertThat(order.history().getLast().reason()).isEqualTo("OUT_OF_STOCK");
        assertThat(((OrderCancelled) applied.messages().getFirst()).reason()).isEqualTo("OUT_OF_STOCK");
    }

    @Test
    void neverLeavesATerminalStatusAndCompensatesALateReply() {
        Order order = OrderMother.placedOrder();
        order.apply(new Trigger.CustomerCancel(), TABLE, PLACED_AT.plusSeconds(1));

        Order.Applied late = order.apply(new Trigger.PaymentAuthorized(UUID.randomUUID()), TABLE,
                PLACED_AT.plusSeconds(2));

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(late.messages()).map(Object::getClass).containsExactly(VoidPayment.class);
        assertThat(order.saga().paymentId()).as("a compensated reply's facts are not kept").isNull();
    }

    @Test
    void recordsTheFactsOfAReplyOnlyWhenTheTableAcceptsIt() {
        Order cancelled = OrderMother.placedOrder();
        cancelled.apply(new Trigger.CustomerCancel(), TABLE, PLACED_AT.plusSeconds(1));

        cancelled.apply(new Trigger.ShipmentDispatched(UUID.randomUUID(), "DHL", "T-9"), TABLE,
                PLACED_AT.plusSeconds(2));

        assertThat(cancelled.carrier()).as("a cancelled order gets no carrier").isNull();
        assertThat(cancelled.trackingNumber()).isNull();
        assertThat(cancelled.shipmentId()).isNull();
    }

    @Test
    void anExpiredStockDeadlineCancelsWithTimedOutAndReleasesTheStock() {
        Order order = OrderMother.placedOrder();

        Order.Applied applied = order.apply(new Trigger.DeadlineExpired(), TABLE,
                PLACED_AT.plus(Duration.ofMinutes(5)));

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.TIMED_OUT);
        assertThat(applied.messages()).map(Object::getClass).containsExactly(ReleaseStock.class, OrderCancelled.class);
        assertThat(order.saga().deadline()).isNull();
        assertThat(order.saga().cardToken()).isNull();
    }

    @Test
    void recordsADeadlineFailureOnlyWhileTheDeadlineIsOverdue() {
        Order order = OrderMother.placedOrder();

        assertThat(order.noteDeadlineFailure("boom", TABLE, PLACED_AT.plusSeconds(1))).isFalse();
        assertThat(order.noteDeadlineFailure("boom", TABLE, PLACED_AT.plus(Duration.ofMinutes(5)))).isTrue();
        assertThat(order.saga().failures()).isEqualTo(1);
        assertThat(order.saga().deadline()).isEqualTo(PLACED_AT.plus(Duration.ofMinutes(5)).plusSeconds(30));
    }
}

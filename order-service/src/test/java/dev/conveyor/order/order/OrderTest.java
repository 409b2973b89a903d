package dev.conveyor.order.order;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.conveyor.events.Money;

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
    void refusesLinesInSeveralCurrencies() {
        List<OrderLine> lines = List.of(OrderMother.line("SKU-1", 1, "1.00"),
                new OrderLine("SKU-2", "Other", 1, new Money("1.00", "USD")));

        assertThatThrownBy(() -> Order.place(UUID.randomUUID(), "c", lines, OrderMother.address(), OrderMother.PLACED_AT))
                .isInstanceOf(MixedCurrenciesException.class)
                .hasMessageContaining("EUR").hasMessageContaining("USD");
    }

    @Test
    void recordsEachStatusChangeInItsHistory() {
        Order order = OrderMother.confirmedOrder();

        order.moveTo(OrderStatus.SHIPPED, null, OrderMother.PLACED_AT.plusSeconds(3));

        assertThat(order.history()).extracting(StatusChange::status).containsExactly(OrderStatus.PLACED,
                OrderStatus.STOCK_RESERVED, OrderStatus.CONFIRMED, OrderStatus.SHIPPED);
        assertThat(order.updatedAt()).isEqualTo(OrderMother.PLACED_AT.plusSeconds(3));
    }

    @Test
    void reachingTheCurrentStatusAgainChangesNothing() {
        Order order = OrderMother.confirmedOrder();

        boolean changed = order.moveTo(OrderStatus.CONFIRMED, null, OrderMother.PLACED_AT.plusSeconds(9));

        assertThat(changed).isFalse();
        assertThat(order.history()).hasSize(3);
    }

    @Test
    void refusesAMoveItsStatusDoesNotAllow() {
        Order order = OrderMother.placedOrder();

        assertThatThrownBy(() -> order.moveTo(OrderStatus.SHIPPED, null, OrderMother.PLACED_AT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PLACED to SHIPPED");
    }

    @Test
    void keepsTheCancellationReason() {
        Order order = OrderMother.placedOrder();

        order.cancel(CancellationReason.OUT_OF_STOCK, OrderMother.PLACED_AT.plusSeconds(1));

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.OUT_OF_STOCK);
        assertThat(order.history().getLast().reason()).isEqualTo("OUT_OF_STOCK");
    }

    @Test
    void neverLeavesATerminalStatus() {
        Order order = OrderMother.placedOrder();
        order.cancel(CancellationReason.CUSTOMER_CANCELLED, OrderMother.PLACED_AT);

        assertThatThrownBy(() -> order.moveTo(OrderStatus.STOCK_RESERVED, null, OrderMother.PLACED_AT))
                .isInstanceOf(IllegalStateException.class);
    }
}

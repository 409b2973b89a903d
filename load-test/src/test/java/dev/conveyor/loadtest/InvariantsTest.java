package dev.conveyor.loadtest;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.conveyor.loadtest.Invariants.OrderState;
import dev.conveyor.loadtest.Invariants.Stock;

import static org.assertj.core.api.Assertions.assertThat;

class InvariantsTest {

    private static OrderState order(String id, String status, String reason) {
        return new OrderState(id, "SKU-A", 1, status, reason);
    }

    @Test
    void holdWhenConfirmedOrdersHoldTheirStockAndPayment() {
        List<OrderState> orders = List.of(order("o1", "CONFIRMED", null), order("o2", "CONFIRMED", null),
                order("o3", "CANCELLED", "OUT_OF_STOCK"), order("o4", "CANCELLED", "PAYMENT_DECLINED"));
        Map<String, List<String>> payments = Map.of("o1", List.of("AUTHORIZED"), "o2", List.of("AUTHORIZED"),
                "o4", List.of("DECLINED"));

        assertThat(Invariants.check(false, orders, List.of(new Stock("SKU-A", 2, 2, 2)), payments)).isEmpty();
    }

    @Test
    void holdWhenDeliveredOrdersCommittedStockAndCapturedOnce() {
        List<OrderState> orders = List.of(order("o1", "DELIVERED", null), order("o2", "CANCELLED", "TIMED_OUT"));
        Map<String, List<String>> payments = Map.of("o1", List.of("CAPTURED"), "o2", List.of("VOIDED"));

        assertThat(Invariants.check(true, orders, List.of(new Stock("SKU-A", 10, 9, 0)), payments)).isEmpty();
    }

    @Test
    void breakWhenAnOrderIsStuckMidSaga() {
        List<String> broken = Invariants.check(false, List.of(order("o1", "STOCK_RESERVED", null)),
                List.of(new Stock("SKU-A", 5, 5, 1)), Map.of());

        assertThat(broken).containsExactly("order o1 is STOCK_RESERVED, expected CONFIRMED or CANCELLED");
    }

    @Test
    void breakWhenAnOrderHasTwoPayments() {
        List<String> broken = Invariants.check(false, List.of(order("o1", "CONFIRMED", null)),
                List.of(new Stock("SKU-A", 5, 5, 1)), Map.of("o1", List.of("AUTHORIZED", "AUTHORIZED")));

        assertThat(broken).containsExactly("order o1 has 2 payments [AUTHORIZED, AUTHORIZED]");
    }

    @Test
    void breakWhenAPaymentIsCapturedForAnOrderNeverShipped() {
        List<String> broken = Invariants.check(false, List.of(order("o1", "CANCELLED", "CUSTOMER_CANCELLED")),
                List.of(new Stock("SKU-A", 5, 5, 0)), Map.of("o1", List.of("CAPTURED")));

        assertThat(broken).containsExactly("order o1 is CANCELLED but its payment was captured");
    }

    @Test
    void breakWhenACancelledOrderStillHoldsAnAuthorisation() {
        List<String> broken = Invariants.check(false, List.of(order("o1", "CANCELLED", "TIMED_OUT")),
                List.of(new Stock("SKU-A", 5, 5, 0)), Map.of("o1", List.of("AUTHORIZED")));

        assertThat(broken).containsExactly("order o1 is CANCELLED but its payment is still AUTHORIZED");
    }

    @Test
    void breakWhenStockDoesNotAddUp() {
        List<OrderState> orders = List.of(order("o1", "CONFIRMED", null), order("o2", "CANCELLED", "OUT_OF_STOCK"));

        List<String> broken = Invariants.check(false, orders, List.of(new Stock("SKU-A", 1, 1, 2)),
                Map.of("o1", List.of("AUTHORIZED")));

        assertThat(broken).containsExactly(
                "product SKU-A has onHand 1 and reserved 2, expected onHand 1 and reserved 1 from its orders",
                "product SKU-A is oversold: reserved 2 of onHand 1");
    }

    @Test
    void breakWhenAnAcceptedOrderDoesNotExist() {
        List<String> broken = Invariants.check(true, List.of(order("o1", Invariants.MISSING, null)),
                List.of(new Stock("SKU-A", 5, 5, 0)), Map.of());

        assertThat(broken).containsExactly("order o1 was accepted (201) but the order service does not know it");
    }

    @Test
    void breakWhenAnOrderIsCapturedTwice() {
        List<String> broken = Invariants.check(true, List.of(order("o1", "DELIVERED", null)),
                List.of(new Stock("SKU-A", 5, 4, 0)), Map.of("o1", List.of("CAPTURED", "CAPTURED")));

        assertThat(broken).contains("order o1 was captured 2 times");
    }

    @Test
    void breakWhenADeliveredOrderStillHoldsAnAuthorisation() {
        List<String> broken = Invariants.check(true, List.of(order("o1", "DELIVERED", null)),
                List.of(new Stock("SKU-A", 5, 4, 0)), Map.of("o1", List.of("AUTHORIZED")));

        assertThat(broken).containsExactly("order o1 is DELIVERED but its payment is AUTHORIZED");
    }

    @Test
    void breakWhenAPaymentBelongsToNoOrder() {
        assertThat(Invariants.paymentsWithoutOrder(List.of("o1", "o2"), java.util.Set.of("o1")))
            .containsExactly("a payment exists for order o2, which the order service does not know");
        assertThat(Invariants.paymentsWithoutOrder(List.of("o1"), java.util.Set.of("o1", "o3"))).isEmpty();
    }

    @Test
    void breakForEveryDeadLetter() {
        assertThat(Invariants.deadLetters(List.of("payments.commands.dlt (key o1, ...): boom"))).containsExactly(
                "dead letter payments.commands.dlt (key o1, ...): boom");
        assertThat(Invariants.deadLetters(List.of())).isEmpty();
    }
}

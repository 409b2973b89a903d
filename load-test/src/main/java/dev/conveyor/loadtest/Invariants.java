package dev.conveyor.loadtest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The promises the system makes about a finished run, checked on what its REST APIs report: every order reached a
 * final state, stock adds up, and no order was paid more than once or charged without being shipped.
 */
final class Invariants {

    /** A product of the run: the stock it was registered with and its levels now. */
    record Stock(String sku, int initialStock, int onHand, int reserved) {
    }

    /** One order of the run (one line) as the order service reports it. */
    record OrderState(String orderId, String sku, int quantity, String status, String cancellationReason) {
    }

    /** The status of an order the order service answers 404 for. */
    static final String MISSING = "MISSING";

    private static final Set<String> HOLDING_STOCK = Set.of("STOCK_RESERVED", "CONFIRMED", "CANCELLING");

    private static final Set<String> STOCK_COMMITTED = Set.of("SHIPPED", "DELIVERED");

    private Invariants() {
    }

    /**
     * The broken invariants, empty when all hold.
     *
     * @param shipped  whether the run dispatched and delivered the confirmed orders (DELIVERED is then the final
     *                 state of a successful order, otherwise CONFIRMED)
     * @param payments the statuses of each order's payments, by order id
     */
    static List<String> check(boolean shipped, Collection<OrderState> orders, Collection<Stock> stocks,
            Map<String, List<String>> payments) {
        List<String> broken = new ArrayList<>();
        String success = shipped ? "DELIVERED" : "CONFIRMED";
        for (OrderState order : orders) {
            if (order.status().equals(MISSING)) {
                broken.add("order " + order.orderId() + " was accepted (201) but the order service does not know it");
                continue;
            }
            if (!order.status().equals(success) && !order.status().equals("CANCELLED")) {
                broken.add("order " + order.orderId() + " is " + order.status() + ", expected " + success
                        + " or CANCELLED");
            }
            checkPayments(order, payments.getOrDefault(order.orderId(), List.of()), broken);
        }
        checkStock(orders, stocks, broken);
        return broken;
    }

    private static void checkPayments(OrderState order, List<String> statuses, List<String> broken) {
        long captures = statuses.stream().filter("CAPTURED"::equals).count();
        if (captures > 1) {
            broken.add("order " + order.orderId() + " was captured " + captures + " times");
        }
        if (statuses.size() > 1) {
            broken.add("order " + order.orderId() + " has " + statuses.size() + " payments " + statuses);
            return;
        }
        String payment = statuses.isEmpty() ? "none" : statuses.getFirst();
        boolean charged = payment.equals("CAPTURED");
        boolean shipped = STOCK_COMMITTED.contains(order.status());
        if (charged && !shipped) {
            broken.add("order " + order.orderId() + " is " + order.status() + " but its payment was captured");
        } else if (shipped && !charged) {
            broken.add("order " + order.orderId() + " is " + order.status() + " but its payment is " + payment);
        } else if (order.status().equals("CONFIRMED") && !payment.equals("AUTHORIZED")) {
            broken.add("order " + order.orderId() + " is CONFIRMED but its payment is " + payment);
        } else if (order.status().equals("CANCELLED") && payment.equals("AUTHORIZED")) {
            broken.add("order " + order.orderId() + " is CANCELLED but its payment is still AUTHORIZED");
        }
    }

    /** Every payment must belong to an order the order service knows: one that does not was taken for nothing. */
    static List<String> paymentsWithoutOrder(Collection<String> paymentOrderIds, Set<String> existingOrderIds) {
        return paymentOrderIds.stream()
            .filter(orderId -> !existingOrderIds.contains(orderId))
            .map(orderId -> "a payment exists for order " + orderId + ", which the order service does not know")
            .toList();
    }

    /** Every dead letter is a message the system gave up on: none may appear. */
    static List<String> deadLetters(List<String> letters) {
        return letters.stream().map(letter -> "dead letter " + letter).toList();
    }

    private static void checkStock(Collection<OrderState> orders, Collection<Stock> stocks, List<String> broken) {
        Map<String, Integer> held = new HashMap<>();
        Map<String, Integer> committed = new HashMap<>();
        for (OrderState order : orders) {
            if (HOLDING_STOCK.contains(order.status())) {
                held.merge(order.sku(), order.quantity(), Integer::sum);
            } else if (STOCK_COMMITTED.contains(order.status())) {
                committed.merge(order.sku(), order.quantity(), Integer::sum);
            }
        }
        for (Stock stock : stocks) {
            int expectedReserved = held.getOrDefault(stock.sku(), 0);
            int expectedOnHand = stock.initialStock() - committed.getOrDefault(stock.sku(), 0);
            if (stock.reserved() != expectedReserved || stock.onHand() != expectedOnHand) {
                broken.add("product " + stock.sku() + " has onHand " + stock.onHand() + " and reserved "
                        + stock.reserved() + ", expected onHand " + expectedOnHand + " and reserved " + expectedReserved
                        + " from its orders");
            }
            if (stock.reserved() > stock.onHand() || stock.reserved() < 0) {
                broken.add("product " + stock.sku() + " is oversold: reserved " + stock.reserved() + " of onHand "
                        + stock.onHand());
            }
        }
    }
}

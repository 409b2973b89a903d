package dev.conveyor.loadtest;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/** Plays the warehouse for {@code --ship}: dispatches and delivers each order once it is confirmed. */
class Warehouse {

    private final ConveyorApi api;

    private final Ledger ledger;

    private final ExecutorService executor;

    private final Duration patience;

    /** The orders being shipped now, with the problem their last attempt met (empty before the first problem). */
    private final Map<String, String> underway = new ConcurrentHashMap<>();

    Warehouse(ConveyorApi api, Ledger ledger, ExecutorService executor, Duration patience) {
        this.api = api;
        this.ledger = ledger;
        this.executor = executor;
        this.patience = patience;
    }

    void follow(Ledger.Entry entry) {
        entry.confirmed.thenRunAsync(() -> ship(entry), executor);
    }

    /**
     * Ships an order the run learnt of only from the order service's list (its POST got no 201, yet the order was
     * created): the warehouse ships whatever is confirmed, so it waits for the confirmation by polling the order.
     */
    void followUnanswered(Ledger.Entry entry, long deadlineNanos) {
        executor.submit(() -> {
            while (System.nanoTime() < deadlineNanos) {
                try {
                    String status = api.order(entry.orderId, entry.sku, entry.quantity).status();
                    if (status.equals("CONFIRMED")) {
                        ship(entry);
                        return;
                    }
                    if (!status.equals("PLACED") && !status.equals("STOCK_RESERVED")) {
                        return;
                    }
                } catch (IOException e) {
                    // the order service is restarting: ask again
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }

    /** The orders whose shipping has not ended yet, counted by the problem their last attempt met. */
    Map<String, Long> underway() {
        Map<String, Long> problems = new TreeMap<>();
        underway.values().forEach(problem -> problems.merge(problem.isEmpty() ? "in progress" : problem, 1L, Long::sum));
        return problems;
    }

    private void ship(Ledger.Entry entry) {
        underway.put(entry.orderId, "");
        try {
            shipUntilDone(entry);
        } finally {
            underway.remove(entry.orderId);
        }
    }

    private void shipUntilDone(Ledger.Entry entry) {
        // The shipment is scheduled by a command sent after the confirmation: wait for it to exist. A refusal (4xx)
        // is final; an unreachable or failing shipping service (a restart, an outage) is retried until patience ends,
        // which is safe because dispatch and deliver answer a repeat with the same shipment.
        long deadline = System.nanoTime() + patience.toNanos();
        long backoffMillis = 50;
        String problem;
        while (true) {
            try {
                String shipment = api.shipmentOf(entry.orderId);
                if (shipment != null) {
                    api.dispatch(shipment);
                    api.deliver(shipment);
                    return;
                }
                problem = "no shipment scheduled";
            } catch (ConveyorApi.Refused e) {
                ledger.error("ship: " + withoutIds(e.getMessage()));
                return;
            } catch (IOException e) {
                problem = withoutIds(e.getMessage());
                backoffMillis = Math.min(2_000, backoffMillis * 2);
            }
            underway.put(entry.orderId, problem);
            if (System.nanoTime() >= deadline) {
                ledger.error("ship: " + problem);
                return;
            }
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String withoutIds(String message) {
        return String.valueOf(message).replaceAll("[0-9a-f-]{36}", "{id}");
    }
}

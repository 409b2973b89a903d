package dev.conveyor.loadtest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Fetches the run's orders, products and payments from the REST APIs and checks the invariants, again and again
 * until they hold or the grace period is over: the last compensations may still be travelling when the run ends.
 */
class Verification {

    private static final int PARALLEL_REQUESTS = 16;

    private final ConveyorApi api;

    private final ExecutorService executor;

    private final Semaphore permits = new Semaphore(PARALLEL_REQUESTS);

    Verification(ConveyorApi api, ExecutorService executor) {
        this.api = api;
        this.executor = executor;
    }

    List<String> check(boolean shipped, List<Ledger.Entry> orders, Map<String, Integer> initialStock,
            long deadlineNanos) throws InterruptedException {
        while (true) {
            List<String> broken;
            try {
                broken = checkOnce(shipped, orders, initialStock);
            } catch (IOException e) {
                broken = List.of("could not read the system's state: " + e.getMessage());
            }
            if (broken.isEmpty() || System.nanoTime() > deadlineNanos) {
                return broken;
            }
            Thread.sleep(2_000);
        }
    }

    private List<String> checkOnce(boolean shipped, List<Ledger.Entry> orders, Map<String, Integer> initialStock)
            throws IOException, InterruptedException {
        List<Invariants.OrderState> states = new ArrayList<>();
        Map<String, List<String>> payments = new ConcurrentHashMap<>();
        List<Future<Invariants.OrderState>> pending = new ArrayList<>();
        for (Ledger.Entry order : orders) {
            pending.add(executor.submit(() -> {
                permits.acquire();
                try {
                    payments.put(order.orderId, api.paymentStatuses(order.orderId));
                    return api.order(order.orderId, order.sku, order.quantity);
                } finally {
                    permits.release();
                }
            }));
        }
        for (Future<Invariants.OrderState> state : pending) {
            try {
                states.add(state.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException(e.getCause().getMessage(), e.getCause());
            }
        }
        List<Invariants.Stock> stocks = new ArrayList<>();
        for (var product : initialStock.entrySet()) {
            stocks.add(api.stock(product.getKey(), product.getValue()));
        }
        return Invariants.check(shipped, states, stocks, payments);
    }
}

package dev.conveyor.loadtest;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Places the run's orders, on a fixed schedule (open model) or as fast as N clients can (closed model). */
class Generator {

    private final Options options;

    private final ConveyorApi api;

    private final Ledger ledger;

    private final Warehouse warehouse;

    private final List<String> skus;

    private final String customerId;

    private final ExecutorService executor;

    private final AtomicLong measuredSent = new AtomicLong();

    private final AtomicLong sequence = new AtomicLong();

    private volatile long maxLagNanos;

    private volatile boolean stopped;

    private final AtomicLong inFlight = new AtomicLong();

    Generator(Options options, ConveyorApi api, Ledger ledger, Warehouse warehouse, List<String> skus,
            String customerId, ExecutorService executor) {
        this.options = options;
        this.api = api;
        this.ledger = ledger;
        this.warehouse = warehouse;
        this.skus = skus;
        this.customerId = customerId;
        this.executor = executor;
    }

    /** How far behind its schedule the open model fell at worst: above a few ms, the generator was the limit. */
    double maxLagMs() {
        return maxLagNanos / 1_000_000.0;
    }

    /** Places orders until the run's length is reached; returns when the last one is sent. */
    void run(long startNanos, long measureFromNanos) throws InterruptedException {
        if (options.openModel()) {
            open(startNanos, measureFromNanos);
        } else {
            closed(measureFromNanos);
        }
    }

    private void open(long startNanos, long measureFromNanos) {
        Schedule schedule = new Schedule(options.rate());
        for (long i = 0;; i++) {
            long due = startNanos + schedule.dueNanos(i);
            if (finished(due, measureFromNanos)) {
                return;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLagNanos = Math.max(maxLagNanos, System.nanoTime() - due);
            executor.submit(() -> place(due));
        }
    }

    private void closed(long measureFromNanos) throws InterruptedException {
        List<Thread> clients = new java.util.ArrayList<>();
        for (int c = 0; c < options.concurrency(); c++) {
            clients.add(Thread.ofVirtual().start(() -> {
                for (long due = System.nanoTime(); !finished(due, measureFromNanos); due = System.nanoTime()) {
                    Sent sent = send();
                    Ledger.Entry entry = record(due, sent);
                    if (sent.placement().isRefused()) {
                        // A refused client comes back when it was told to, as a real one would.
                        LockSupport.parkNanos(sent.placement().retryAfter().toNanos());
                    }
                    if (entry != null) {
                        try {
                            entry.outcome.get(options.grace().toMillis(), TimeUnit.MILLISECONDS);
                        } catch (Exception e) {
                            return; // this client's order is stuck: it stops rather than hide the stall
                        }
                    }
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
    }

    /** POSTs sent and not answered yet. */
    long inFlight() {
        return inFlight.get();
    }

    /** Ends the run early: no order is sent after this call (used by the chaos run, which ends when its kills do). */
    void stop() {
        stopped = true;
    }

    private boolean finished(long due, long measureFromNanos) {
        if (stopped) {
            return true;
        }
        if (due < measureFromNanos) {
            return false;
        }
        if (options.duration() != null) {
            return due >= measureFromNanos + options.duration().toNanos();
        }
        return measuredSent.getAndIncrement() >= options.orders();
    }

    private void place(long due) {
        record(due, send());
    }

    /** One order POST and its answer. */
    private record Sent(String sku, ConveyorApi.Placement placement) {
    }

    private Sent send() {
        String sku = skus.get((int) (sequence.getAndIncrement() % skus.size()));
        String card = ThreadLocalRandom.current().nextDouble() < options.declined() ? "tok_declined" : "tok_visa";
        inFlight.incrementAndGet();
        try {
            return new Sent(sku, api.placeOrder(customerId, sku, 1, card));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private Ledger.Entry record(long due, Sent sent) {
        long answered = System.nanoTime();
        ConveyorApi.Placement placement = sent.placement();
        if (placement.isRefused()) {
            ledger.refused(placement.refusedStatus(), due);
            return null;
        }
        if (placement.orderId() == null) {
            ledger.failed(placement.error(), due);
            return null;
        }
        Ledger.Entry entry = ledger.placed(placement.orderId(), sent.sku(), 1, due, answered);
        if (warehouse != null) {
            warehouse.follow(entry);
        }
        return entry;
    }
}

package dev.conveyor.loadtest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every order of the run, from its POST to its final state as announced on {@code orders.events}; feeds the
 * latencies and the error counts. Events may overtake the POST's answer, so they wait for their order here.
 */
class Ledger {

    /** One order of the run. */
    static final class Entry {

        final String orderId;

        final String sku;

        final int quantity;

        final long sentNanos;

        final boolean measured;

        /** When the success event arrived, 0 until it does. */
        volatile long succeededNanos;

        final CompletableFuture<String> outcome = new CompletableFuture<>();

        final CompletableFuture<Void> confirmed = new CompletableFuture<>();

        Entry(String orderId, String sku, int quantity, long sentNanos, boolean measured) {
            this.orderId = orderId;
            this.sku = sku;
            this.quantity = quantity;
            this.sentNanos = sentNanos;
            this.measured = measured;
        }
    }

    /** An event of orders.events about one of the run's orders. */
    record Event(String orderId, String type, String reason, long arrivalNanos) {
    }

    private final Map<String, Entry> entries = new HashMap<>();

    private final Map<String, List<Event>> early = new HashMap<>();

    private final Map<String, Long> errors = new TreeMap<>();

    private final Map<String, Long> refused = new TreeMap<>();

    private final Latencies latencies = new Latencies();

    private final String success;

    private final long measureFromNanos;

    private final AtomicLong placed = new AtomicLong();

    private final AtomicLong completed = new AtomicLong();

    /**
     * @param success          the event type's name that ends a successful order: OrderConfirmed, or OrderDelivered
     *                         when the run ships
     * @param measureFromNanos the {@link System#nanoTime()} at which the warm-up ends
     */
    Ledger(String success, long measureFromNanos) {
        this.success = success;
        this.measureFromNanos = measureFromNanos;
    }

    Latencies latencies() {
        return latencies;
    }

    long placed() {
        return placed.get();
    }

    long completed() {
        return completed.get();
    }

    /** Records an accepted order; {@code sentNanos} is when it was due, {@code answeredNanos} when the 201 came. */
    synchronized Entry placed(String orderId, String sku, int quantity, long sentNanos, long answeredNanos) {
        Entry entry = new Entry(orderId, sku, quantity, sentNanos, sentNanos >= measureFromNanos);
        entries.put(orderId, entry);
        placed.incrementAndGet();
        if (entry.measured) {
            latencies.posted(second(sentNanos), micros(answeredNanos - sentNanos));
        }
        for (Event event : early.getOrDefault(orderId, List.of())) {
            apply(entry, event);
        }
        early.remove(orderId);
        return entry;
    }

    synchronized void failed(String kind, long sentNanos) {
        if (sentNanos >= measureFromNanos) {
            errors.merge("POST " + kind, 1L, Long::sum);
        }
    }

    /**
     * Counts a POST the system refused for now (503 or 429, with Retry-After): not an error, the system said it was
     * past capacity (or unavailable) and nothing was written.
     */
    synchronized void refused(int status, long sentNanos) {
        if (sentNanos >= measureFromNanos) {
            refused.merge("HTTP " + status, 1L, Long::sum);
        }
    }

    /** Counts a failure that is not about placing an order, e.g. of the warehouse calls. */
    synchronized void error(String kind) {
        errors.merge(kind, 1L, Long::sum);
    }

    synchronized void event(Event event) {
        Entry entry = entries.get(event.orderId());
        if (entry == null) {
            early.computeIfAbsent(event.orderId(), id -> new ArrayList<>()).add(event);
        } else {
            apply(entry, event);
        }
    }

    private void apply(Entry entry, Event event) {
        long latency = micros(event.arrivalNanos() - entry.sentNanos);
        if (event.type().equals("OrderConfirmed") && !entry.confirmed.isDone()) {
            if (entry.measured) {
                latencies.confirmed(second(entry.sentNanos), latency);
            }
            entry.confirmed.complete(null);
        }
        if (event.type().equals(success) && entry.succeededNanos == 0) {
            entry.succeededNanos = Math.max(1, event.arrivalNanos());
        }
        boolean done = event.type().equals(success) || event.type().equals("OrderCancelled");
        if (done && !entry.outcome.isDone()) {
            completed.incrementAndGet();
            latencies.completed(second(event.arrivalNanos()), latency, entry.measured);
            if (event.type().equals("OrderCancelled") && entry.measured) {
                errors.merge("cancelled " + event.reason(), 1L, Long::sum);
            }
            entry.outcome.complete(event.type());
        }
    }

    /** Counts the orders that never completed as an error kind; called once, after the grace period. */
    synchronized void noteIncomplete() {
        long missing = entries.values().stream().filter(e -> e.measured && !e.outcome.isDone()).count();
        if (missing > 0) {
            errors.put("not completed within the grace period", missing);
        }
    }

    /**
     * When the first order sent at or after {@code sentFromNanos} completed successfully (its success event arrived),
     * if one has: every successful order goes through every component, so this is the moment a component killed at
     * {@code sentFromNanos} had demonstrably done its part again.
     */
    synchronized OptionalLong firstSuccessOfOrderSentFrom(long sentFromNanos) {
        return entries.values().stream()
            .filter(e -> e.sentNanos >= sentFromNanos && e.succeededNanos != 0)
            .mapToLong(e -> e.succeededNanos)
            .min();
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    synchronized Map<String, Long> errors() {
        return new TreeMap<>(errors);
    }

    /** The POSTs refused for now, by status ({@code HTTP 503}, {@code HTTP 429}). */
    synchronized Map<String, Long> refused() {
        return new TreeMap<>(refused);
    }

    synchronized long refusedCount() {
        return refused.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized long measuredPlaced() {
        return entries.values().stream().filter(e -> e.measured).count();
    }

    synchronized long measuredCompleted() {
        return entries.values().stream().filter(e -> e.measured && e.outcome.isDone()).count();
    }

    private int second(long nanos) {
        return (int) Math.floorDiv(nanos - measureFromNanos, 1_000_000_000L);
    }

    private static long micros(long nanos) {
        return Math.max(0, nanos / 1000);
    }
}

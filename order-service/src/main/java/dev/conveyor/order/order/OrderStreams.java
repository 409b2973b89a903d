package dev.conveyor.order.order;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.conveyor.order.order.OrderExceptions.TooManyStreams;

/**
 * The open {@code /api/orders/{id}/stream} connections of this instance, fed with each status change once it has
 * committed. Best effort across instances: a change applied by another instance (the one whose consumer handled the
 * reply) reaches only that instance's streams; a client that reconnects gets the current status at once. At most
 * {@link StreamSettings#maxOpen()} are open at once, and {@link StreamSettings#maxOpenPerCustomer()} per customer;
 * one more is refused with 429 ({@link TooManyStreams}) until one closes.
 */
@Component
class OrderStreams {

    private static final Logger log = LoggerFactory.getLogger(OrderStreams.class);

    private final Map<UUID, Set<SseEmitter>> emitters = new ConcurrentHashMap<>();

    private final StreamSettings settings;

    private final AtomicInteger open = new AtomicInteger();

    private final Map<String, Integer> openByCustomer = new ConcurrentHashMap<>();

    /** How to close each open stream: unregister it and give its slot back, once. */
    private final Map<SseEmitter, Runnable> closers = new ConcurrentHashMap<>();

    OrderStreams(StreamSettings settings) {
        this.settings = settings;
    }

    /**
     * A stream for the customer's order, registered before the current status is read so that no change falls in
     * between; counted against the caps until it completes, times out or fails, or is {@linkplain #abandon abandoned}.
     * @throws TooManyStreams when the customer or the instance has as many streams open as allowed
     */
    SseEmitter open(UUID orderId, String customerId) {
        reserve(customerId);
        SseEmitter emitter = new SseEmitter(settings.timeout().toMillis());
        Set<SseEmitter> forOrder = emitters.computeIfAbsent(orderId, id -> new CopyOnWriteArraySet<>());
        forOrder.add(emitter);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            forOrder.remove(emitter);
            closers.remove(emitter);
            if (closed.compareAndSet(false, true)) {
                release(customerId);
            }
        };
        closers.put(emitter, close);
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(error -> close.run());
        return emitter;
    }

    /**
     * Gives the slot of a stream back, once, and forgets the stream: for a stream that ended here, or that never reached
     * its client (the request failed after {@link #open}), whose callbacks the web layer would never run.
     */
    void abandon(SseEmitter emitter) {
        Runnable close = closers.get(emitter);
        if (close != null) {
            close.run();
        }
    }

    /** Streams open now, all customers together. */
    int openStreams() {
        return open.get();
    }

    private void reserve(String customerId) {
        if (open.incrementAndGet() > settings.maxOpen()) {
            open.decrementAndGet();
            throw new TooManyStreams("This instance has " + settings.maxOpen() + " order streams open, as many as it keeps",
                    settings.retryAfter());
        }
        boolean[] reserved = { false };
        openByCustomer.compute(customerId, (customer, count) -> {
            int now = (count == null) ? 0 : count;
            if (now >= settings.maxOpenPerCustomer()) {
                return count;
            }
            reserved[0] = true;
            return now + 1;
        });
        if (!reserved[0]) {
            open.decrementAndGet();
            throw new TooManyStreams("Customer " + customerId + " has " + settings.maxOpenPerCustomer()
                    + " order streams open, as many as one customer may", settings.retryAfter());
        }
    }

    private void release(String customerId) {
        open.decrementAndGet();
        openByCustomer.computeIfPresent(customerId, (customer, count) -> (count <= 1) ? null : count - 1);
    }

    /** Sends a status to one stream, and ends the stream when the order reached a terminal status. */
    void send(SseEmitter emitter, OrderViews.StatusView status) {
        try {
            emitter.send(SseEmitter.event().name("status").id(status.status().name()).data(status));
            if (status.status().isTerminal()) {
                emitter.complete();
                // Ended by us: its slot goes back now. The web layer does not call back an emitter completed before it
                // took it over (the first status of an order that already ended).
                abandon(emitter);
            }
        }
        catch (IOException | IllegalStateException ex) {
            log.debug("Stream of order {} closed: {}", status.orderId(), ex.toString());
            endAfterFailedWrite(emitter, ex);
        }
    }

    /**
     * Writes a comment line to every open stream, every {@code conveyor.order.streams.heartbeat}: a client that left
     * without closing is noticed when the write fails, and its slot goes back, instead of at the stream's timeout.
     */
    @Scheduled(fixedDelayString = "${conveyor.order.streams.heartbeat:15s}")
    void heartbeat() {
        for (SseEmitter emitter : closers.keySet()) {
            try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            }
            catch (IOException | IllegalStateException ex) {
                endAfterFailedWrite(emitter, ex);
            }
        }
    }

    /** A write failed (the client left, or the stream had ended): the slot goes back, and the stream ends if it had not. */
    private void endAfterFailedWrite(SseEmitter emitter, Exception failure) {
        abandon(emitter);
        try {
            emitter.completeWithError(failure);
        }
        catch (IllegalStateException alreadyEnded) {
            log.debug("Stream already ended: {}", alreadyEnded.toString());
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(OrderStatusChanged change) {
        Set<SseEmitter> forOrder = emitters.getOrDefault(change.orderId(), Set.of());
        forOrder.forEach(emitter -> send(emitter, OrderViews.StatusView.of(change)));
        if (change.status().isTerminal()) {
            emitters.remove(change.orderId());
        }
    }
}

package dev.conveyor.order.order;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open {@code /api/orders/{id}/stream} connections of this instance, fed with each status change once it has
 * committed. Best effort across instances: a change applied by another instance (the one whose consumer handled the
 * reply) reaches only that instance's streams; a client that reconnects gets the current status at once.
 */
@Component
class OrderStreams {

    private static final Logger log = LoggerFactory.getLogger(OrderStreams.class);

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final Map<UUID, Set<SseEmitter>> emitters = new ConcurrentHashMap<>();

    /** A stream for the order, registered before the current status is read so that no change falls in between. */
    SseEmitter open(UUID orderId) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        Set<SseEmitter> forOrder = emitters.computeIfAbsent(orderId, id -> new CopyOnWriteArraySet<>());
        forOrder.add(emitter);
        Runnable remove = () -> forOrder.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        return emitter;
    }

    /** Sends a status to one stream, and ends the stream when the order reached a terminal status. */
    void send(SseEmitter emitter, OrderViews.StatusView status) {
        try {
            emitter.send(SseEmitter.event().name("status").id(status.status().name()).data(status));
            if (status.status().isTerminal()) {
                emitter.complete();
            }
        }
        catch (IOException | IllegalStateException ex) {
            log.debug("Stream of order {} closed: {}", status.orderId(), ex.toString());
            emitter.completeWithError(ex);
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

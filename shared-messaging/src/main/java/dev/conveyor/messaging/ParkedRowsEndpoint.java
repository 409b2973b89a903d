package dev.conveyor.messaging;

import java.util.List;
import java.util.UUID;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/parkedrows}: GET lists the outbox rows the broker refused for good (no payloads: they may hold
 * card tokens or personal data); POST {@code /actuator/parkedrows/{id}/retry} puts one back in line at its original
 * position, POST {@code /actuator/parkedrows/{id}/discard} gives it up (kept, never sent, its key flows again).
 * An id that is not a parked row answers 404.
 */
@Endpoint(id = "parkedrows")
public class ParkedRowsEndpoint {

    private final OutboxStore store;

    private final Runnable wakeRelay;

    ParkedRowsEndpoint(OutboxStore store, Runnable wakeRelay) {
        this.store = store;
        this.wakeRelay = wakeRelay;
    }

    @ReadOperation
    public List<OutboxStore.ParkedRow> list() {
        return store.parked(500);
    }

    /** Retries or discards one parked row; answers the action taken, or nothing (404) when the row is not parked. */
    @WriteOperation
    public Action act(@Selector UUID id, @Selector String action) {
        boolean done = switch (action) {
            case "retry" -> retry(id);
            case "discard" -> discard(id);
            default -> throw new InvalidEndpointRequestException("Unknown action " + action + ": use retry or discard",
                    "Unknown action: use retry or discard");
        };
        return done ? new Action(id, action) : null;
    }

    /** Puts the parked row back in line; answers whether it was parked. */
    public boolean retry(UUID id) {
        boolean retried = store.retry(id);
        if (retried) {
            // This instance's relay at once, the others (the leader may be elsewhere) through NOTIFY.
            store.notifyRelays();
            wakeRelay.run();
        }
        return retried;
    }

    /** Discards the parked row, which unblocks its key; answers whether it was parked. */
    public boolean discard(UUID id) {
        boolean discarded = store.discard(id);
        if (discarded) {
            store.notifyRelays();
            wakeRelay.run();
        }
        return discarded;
    }

    /** What was done to which row. */
    public record Action(UUID id, String action) {
    }
}

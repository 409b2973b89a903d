package dev.conveyor.messaging;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the relay that a transaction committed outbox rows. When this instance's relay leads, an in-process signal is
 * all it takes. Otherwise the leader is elsewhere and hears of it through NOTIFY: sent after the commit on a connection
 * of its own, one for a burst of commits, so that no business transaction holds the database-wide lock NOTIFY takes at
 * commit (a commit that asks while one NOTIFY is queued is covered by it, since that one is sent after it committed).
 */
class CommitSignal implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommitSignal.class);

    private final Supplier<OutboxRelay> localRelay;

    private final OutboxStore store;

    private final AtomicBoolean queued = new AtomicBoolean();

    private final ExecutorService notifier = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("conveyor-outbox-notify").factory());

    /** @param localRelay this instance's relay, or null when it runs none */
    CommitSignal(Supplier<OutboxRelay> localRelay, OutboxStore store) {
        this.localRelay = localRelay;
        this.store = store;
    }

    @Override
    public void run() {
        OutboxRelay relay = localRelay.get();
        if (relay != null && relay.isLeader()) {
            relay.wakeUp();
            return;
        }
        if (queued.compareAndSet(false, true)) {
            try {
                notifier.execute(this::notifyRelays);
            }
            catch (RejectedExecutionException ex) {
                queued.set(false);
            }
        }
    }

    private void notifyRelays() {
        // Cleared first: a commit that asks from now on is not covered by this NOTIFY and queues the next one.
        queued.set(false);
        try {
            store.notifyRelays();
        }
        catch (RuntimeException ex) {
            log.debug("Could not notify the relays ({}); the leader's poll will find the rows", ex.toString());
        }
    }

    @Override
    public void close() {
        notifier.shutdownNow();
    }
}

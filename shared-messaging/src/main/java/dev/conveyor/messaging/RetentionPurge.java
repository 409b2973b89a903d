package dev.conveyor.messaging;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Deletes, every {@code purgeInterval} and in batches of {@code purgeBatchSize} rows, the inbox rows past the inbox
 * retention and the outbox rows a release before delete-on-ack marked published and kept. Sent outbox rows are deleted
 * by the relay as Kafka acknowledges them, so this has little to do on the outbox; discarded rows are kept for the
 * operator. Runs on every instance: the batches skip rows another instance is deleting.
 */
class RetentionPurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final OutboxStore outbox;

    private final InboxGuard inbox;

    private final MessagingProperties.Relay settings;

    private final Duration inboxRetention;

    private ScheduledExecutorService scheduler;

    RetentionPurge(OutboxStore outbox, InboxGuard inbox, MessagingProperties settings) {
        this.outbox = outbox;
        this.inbox = inbox;
        this.settings = settings.relay();
        this.inboxRetention = settings.consumer().inboxRetention();
    }

    @Override
    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("retention-purge").daemon().factory());
            long interval = settings.purgeInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::purgeSafely, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private void purgeSafely() {
        try {
            purge();
        }
        catch (RuntimeException ex) {
            // The database may be away: the next round tries again.
            log.warn("Purging the outbox and inbox failed, next in {}: {}", settings.purgeInterval(), ex.getMessage());
        }
    }

    /** One round: every batch due, outbox then inbox; answers how many rows were deleted. */
    int purge() {
        int outboxPurged = 0;
        int deleted;
        do {
            deleted = outbox.purgePublished(settings.retention(), settings.purgeBatchSize());
            outboxPurged += deleted;
        }
        while (deleted == settings.purgeBatchSize() && !Thread.currentThread().isInterrupted());
        int inboxPurged = 0;
        do {
            deleted = inbox.purge(inboxRetention, settings.purgeBatchSize());
            inboxPurged += deleted;
        }
        while (deleted == settings.purgeBatchSize() && !Thread.currentThread().isInterrupted());
        if (outboxPurged > 0 || inboxPurged > 0) {
            log.info("Purged {} outbox rows marked published before {} ago and {} inbox rows older than {}", outboxPurged,
                    settings.retention(), inboxPurged, inboxRetention);
        }
        return outboxPurged + inboxPurged;
    }
}

package dev.conveyor.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Sends committed outbox rows to Kafka, in position order, and marks them published only once the broker has
 * acknowledged them (idempotent producer, acks=all). One instance per database leads ({@link RelayLeadership}); it
 * wakes right after a local commit that wrote rows, on a NOTIFY from another instance, or on a slow safety-net poll.
 * While Kafka is unreachable rows wait in the table and the relay backs off exponentially. A crash between the
 * acknowledgement and the marking sends those rows again: consumers deduplicate by message id.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxStore store;

    private final KafkaTemplate<String, byte[]> kafka;

    private final TopicNames topics;

    private final MessagingProperties.Relay settings;

    private final MessagingMetrics metrics;

    private final RelayLeadership leadership;

    private final Semaphore wakeups = new Semaphore(0);

    private volatile boolean running;

    private volatile Thread worker;

    private final InboxGuard inbox;

    private final Duration inboxRetention;

    private Instant nextPurge = Instant.now();

    OutboxRelay(OutboxStore store, InboxGuard inbox, KafkaTemplate<String, byte[]> kafka, TopicNames topics,
            MessagingProperties settings, MessagingMetrics metrics, javax.sql.DataSource dataSource) {
        this.store = store;
        this.inbox = inbox;
        this.inboxRetention = settings.consumer().inboxRetention();
        this.kafka = kafka;
        this.topics = topics;
        this.settings = settings.relay();
        this.metrics = metrics;
        this.leadership = new RelayLeadership(dataSource, this::wakeUp);
    }

    /** Signals that rows were committed: the relay sends them now instead of at its next poll. */
    public void wakeUp() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    /** Whether this instance currently holds the relay lock of its database. */
    public boolean isLeader() {
        return leadership.isLeader();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").start(this::run);
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        leadership.release();
    }

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stops after the consumers (whose handlers write outbox rows) and before the producer factory.
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    private void run() {
        int failures = 0;
        boolean leading = false;
        while (running) {
            try {
                if (!leadership.isLeader()) {
                    if (leading) {
                        // Lost the lead (its session died): stand by first, so a standby can take over cleanly.
                        leading = false;
                        log.warn("Outbox relay lost the lead for its database; standing by");
                        pause(settings.standbyInterval());
                    }
                    if (!leadership.tryAcquire()) {
                        // A standby sends nothing: local commits need not wake it, only the interval does.
                        pause(settings.standbyInterval());
                        continue;
                    }
                    leading = true;
                    log.info("Outbox relay is the leader for its database");
                }
                int sent = relayBatch();
                failures = 0;
                purgeWhenDue();
                if (sent < settings.batchSize()) {
                    await(settings.pollInterval());
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (Exception ex) {
                if (!running) {
                    return;
                }
                failures++;
                // A fresh producer after a failure: an idempotent producer can be left in a fatal state by a broker
                // that lost its state, and would refuse every later send.
                kafka.getProducerFactory().reset();
                Duration backoff = backoff(failures);
                log.warn("Outbox relay attempt {} failed, next in {} ms: {}", failures, backoff.toMillis(), ex.getMessage());
                try {
                    pause(backoff);
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Sends the next batch; answers how many rows it held. */
    int relayBatch() throws InterruptedException {
        List<OutboxRecord> batch = store.nextBatch(settings.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(batch.size());
        for (OutboxRecord row : batch) {
            try {
                sends.add(kafka.send(CloudEventRecords.toProducerRecord(row, topics.physical(row.topic()))));
            }
            catch (RuntimeException ex) {
                // No metadata within max.block.ms (broker unreachable): the rest of the batch waits for the next attempt.
                sends.add(CompletableFuture.failedFuture(ex));
                break;
            }
        }
        // Only the acknowledged prefix is marked: rows after a failure are sent again, so order per key holds.
        List<UUID> acknowledged = new ArrayList<>(batch.size());
        Exception failure = null;
        OutboxRecord failed = null;
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (failure == null) {
                    acknowledged.add(batch.get(i).id());
                    metrics.published(batch.get(i));
                }
            }
            catch (ExecutionException | TimeoutException ex) {
                if (failure == null) {
                    failure = (ex instanceof ExecutionException && ex.getCause() instanceof Exception cause) ? cause : ex;
                    failed = batch.get(i);
                }
            }
        }
        store.markPublished(acknowledged);
        if (failure != null) {
            metrics.publishFailed();
            store.recordFailure(failed.id(), failure.toString());
            throw new IllegalStateException("Kafka did not acknowledge outbox row " + failed.id() + " (" + acknowledged.size()
                    + " of " + batch.size() + " sent): " + failure.getMessage(), failure);
        }
        return sends.size();
    }

    private void purgeWhenDue() {
        if (Instant.now().isBefore(nextPurge)) {
            return;
        }
        nextPurge = Instant.now().plus(settings.purgeInterval());
        int purged = 0;
        int deleted;
        do {
            deleted = store.purgePublished(settings.retention(), settings.purgeBatchSize());
            purged += deleted;
        }
        while (deleted == settings.purgeBatchSize() && running);
        int inboxPurged = 0;
        do {
            deleted = inbox.purge(inboxRetention, settings.purgeBatchSize());
            inboxPurged += deleted;
        }
        while (deleted == settings.purgeBatchSize() && running);
        if (purged > 0 || inboxPurged > 0) {
            log.info("Purged {} published outbox rows older than {} and {} inbox rows older than {}", purged,
                    settings.retention(), inboxPurged, inboxRetention);
        }
    }

    private Duration backoff(int failures) {
        long initial = settings.initialBackoff().toMillis();
        long millis = initial << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.maxBackoff().toMillis()));
    }

    /** Waits for a wake-up signal or the timeout, whichever comes first. */
    private void await(Duration timeout) throws InterruptedException {
        if (wakeups.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            wakeups.drainPermits();
        }
    }

    /**
     * Waits the whole time, whatever signals arrive: commits during an outage must not make the relay hammer the
     * broker, and a relay that just lost the lead gives the standbys the first chance to take it.
     */
    private static void pause(Duration backoff) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(backoff.toMillis());
    }
}

package dev.conveyor.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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
 * While Kafka is unreachable rows wait in the table and the relay backs off exponentially. A row the broker refuses for
 * good ({@link SendFailures}) is parked after {@code parkAfterAttempts} attempts: the relay goes on without it, and
 * later rows of its key wait behind it until an operator retries or discards it ({@link ParkedRowsEndpoint}). A relay
 * whose lease has expired neither sends nor marks; on shutdown the relay finishes its in-flight batch. A crash between
 * the acknowledgement and the marking sends those rows again: consumers deduplicate by message id.
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

    /** Counted down when the relay is asked to stop: it cuts the pauses short, never a batch. */
    private volatile CountDownLatch stopping = new CountDownLatch(1);

    /** Guards {@link #inBatch}: a stop interrupts a relay between batches, and waits for one in a batch. */
    private final Object batchGuard = new Object();

    private boolean inBatch;

    /** The row the broker last refused for good, and how many times in a row (worker thread only). */
    private UUID refusedRow;

    private int refusals;

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
        this.leadership = new RelayLeadership(dataSource, this::wakeUp, this.settings.heartbeatInterval(),
                this.settings.leaseDuration());
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
        stopping = new CountDownLatch(1);
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").start(this::run);
    }

    /**
     * Stops after the batch in flight: its acknowledgements are awaited (at most {@code sendTimeout}) and marked, so
     * rows that reached Kafka are not sent again by the next leader. Only a relay stuck past that is interrupted.
     */
    @Override
    public synchronized void stop() {
        Thread thread = worker;
        worker = null;
        synchronized (batchGuard) {
            running = false;
            if (thread != null && !inBatch) {
                // Between batches it may wait for a connection or sleep: nothing to finish there.
                thread.interrupt();
            }
        }
        stopping.countDown();
        wakeUp();
        if (thread != null) {
            try {
                thread.join(settings.sendTimeout().plusSeconds(5));
                if (thread.isAlive()) {
                    log.warn("Outbox relay did not finish its batch in time; interrupting it");
                    thread.interrupt();
                    thread.join(Duration.ofSeconds(5));
                }
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

    /**
     * Stops after the consumers (whose handlers write outbox rows, phase {@code DEFAULT_PHASE - 50}) and after the web
     * server has drained its requests and stopped: Spring Boot's {@code WebServerApplicationContext}
     * {@code GRACEFUL_SHUTDOWN_PHASE} is {@code DEFAULT_PHASE - 1024} and its {@code START_STOP_LIFECYCLE_PHASE}
     * {@code DEFAULT_PHASE - 2048} (a constant here: shared-messaging does not depend on the web server). So the rows
     * written by the last requests still leave. The producer factory and the data source close after every phase.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 3072;
    }

    private void run() {
        int failures = 0;
        boolean leading = false;
        while (running) {
            try {
                if (!leadership.isLeader()) {
                    if (leading) {
                        // Lost the lead (its session died or its lease expired): stand by first, so a standby can
                        // take over cleanly.
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
                int sent;
                synchronized (batchGuard) {
                    if (!running) {
                        return;
                    }
                    inBatch = true;
                }
                try {
                    sent = relayBatch();
                }
                finally {
                    synchronized (batchGuard) {
                        inBatch = false;
                    }
                }
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
            if (!leadership.isLeader()) {
                // The lease expired: what was sent is awaited and (fenced) marked; the rest is the next leader's.
                break;
            }
            CompletableFuture<SendResult<String, byte[]>> send = send(row);
            sends.add(send);
            if (send.isCompletedExceptionally()) {
                // Refused before it left (broker unreachable, record too large for the producer, forbidden topic):
                // the rest of the batch waits for the next attempt, so later rows of its key do not overtake it.
                break;
            }
        }
        // An acknowledged row is marked unless an earlier row of its key in this batch failed: that one is sent again
        // first, then this one again after it, so order per key holds while other keys go on.
        List<UUID> acknowledged = new ArrayList<>(batch.size());
        Set<String> held = new HashSet<>();
        Exception failure = null;
        OutboxRecord failed = null;
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        for (int i = 0; i < sends.size(); i++) {
            OutboxRecord row = batch.get(i);
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (row.messageKey() == null || !held.contains(row.messageKey())) {
                    acknowledged.add(row.id());
                    metrics.published(row);
                }
            }
            catch (ExecutionException | TimeoutException ex) {
                if (row.messageKey() != null) {
                    held.add(row.messageKey());
                }
                if (failure == null) {
                    failure = (ex instanceof ExecutionException && ex.getCause() instanceof Exception cause) ? cause : ex;
                    failed = row;
                }
            }
        }
        if (!leadership.isLeader()) {
            log.warn("Outbox relay lost the lead during a batch: {} acknowledged rows left for the next leader to send again",
                    acknowledged.size());
            return sends.size();
        }
        int leaderPid = leadership.backendPid();
        int marked = store.markPublished(acknowledged, leaderPid);
        if (marked < acknowledged.size()) {
            log.warn("Outbox relay lost the lead before marking: {} of {} acknowledged rows left for the next leader",
                    acknowledged.size() - marked, acknowledged.size());
        }
        if (failure != null) {
            metrics.publishFailed();
            if (SendFailures.refusedForGood(failure) && refusedAgain(failed) >= settings.parkAfterAttempts()) {
                park(failed, failure, leaderPid);
                return sends.size();
            }
            store.recordFailure(failed.id(), SendFailures.describe(failure), leaderPid);
            throw new IllegalStateException("Kafka did not acknowledge outbox row " + failed.id() + " (" + acknowledged.size()
                    + " of " + batch.size() + " sent): " + failure.getMessage(), failure);
        }
        return sends.size();
    }

    private CompletableFuture<SendResult<String, byte[]>> send(OutboxRecord row) {
        org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record;
        try {
            record = CloudEventRecords.toProducerRecord(row, topics.physical(row.topic()));
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(
                    new SendFailures.UnsendableRowException("Outbox row " + row.id() + " is not a valid CloudEvent: " + ex, ex));
        }
        try {
            return kafka.send(record);
        }
        catch (RuntimeException ex) {
            // No metadata within max.block.ms (broker unreachable), or refused by the producer itself.
            return CompletableFuture.failedFuture(ex);
        }
    }

    /** Counts one more refusal of the row in a row; answers how many. */
    private int refusedAgain(OutboxRecord row) {
        if (!row.id().equals(refusedRow)) {
            refusedRow = row.id();
            refusals = 0;
        }
        return ++refusals;
    }

    private void park(OutboxRecord row, Exception failure, int leaderPid) {
        refusedRow = null;
        refusals = 0;
        String error = SendFailures.describe(failure);
        if (store.park(row.id(), error, leaderPid)) {
            log.error("Outbox row {} (key {}, topic {}, type {}) refused by Kafka {} times, parked; later rows of its key wait "
                    + "until it is retried or discarded (/actuator/parkedrows): {}", row.id(), row.messageKey(), row.topic(),
                    row.ceType(), settings.parkAfterAttempts(), error);
        }
        // The rows that waited behind it go now, not at the next poll.
        wakeUp();
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
     * broker, and a relay that just lost the lead gives the standbys the first chance to take it. Only a stop cuts it
     * short.
     */
    private void pause(Duration backoff) throws InterruptedException {
        stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
    }
}

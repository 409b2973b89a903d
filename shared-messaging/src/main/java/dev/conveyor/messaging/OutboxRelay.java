package dev.conveyor.messaging;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Sends committed outbox rows to Kafka in position order, several batches in flight, and deletes each batch's rows in
 * one statement once the broker has acknowledged them (idempotent producer, acks=all): Kafka is the durable log, the
 * outbox only a queue, so no row is written again after its insert. Only the leader of the database sends
 * ({@link RelayLeadership}, which it is given); its deletes are fenced in SQL. It wakes right after a local commit that
 * wrote rows, on a NOTIFY from another instance, or on a slow safety-net poll, wake-ups coalesced ({@link RelayWakeups});
 * it reads only then, while its last read filled a whole batch, or after it had to start again from its floor:
 * acknowledgements wake it to delete, not to read.
 * While Kafka is unreachable rows wait in the table and the relay backs off exponentially. A row the broker refuses
 * for good ({@link SendFailures}) is parked after {@code parkAfterAttempts} attempts: the relay goes on without it, and
 * later rows of its key wait behind it until an operator retries or discards it ({@link ParkedRowsEndpoint}). On
 * shutdown the relay finishes its batches in flight. A crash between an acknowledgement and the delete sends those
 * rows again: consumers deduplicate by message id.
 * <p>
 * <b>Reading without skipping a row that commits late.</b> Positions are drawn at insert, not at commit, so a row can
 * become visible after rows with higher positions: the relay's cursor (the last position it read) may already be past
 * it. The relay therefore keeps a <em>floor</em> as well: no row at or below it can ever become eligible. Every read
 * is one statement that, in one snapshot, takes the next rows after the cursor and counts the eligible rows between
 * floor and cursor. Those can only be the rows the relay has in flight (the rows it acknowledged are deleted by then),
 * so a larger count means a row committed late behind the cursor, or a parked row was retried: the relay then sends
 * nothing of what it just read, finishes what is in flight, and reads again from the floor, in position order. So no
 * row is skipped, and none overtakes an earlier row of its key: rows of one key are written by transactions serialised
 * on their aggregate (each locks the aggregate before writing), so a later row of a key is inserted only after the
 * earlier one committed, and a snapshot that shows the later row shows the earlier one too, which the count then
 * finds. The floor rises only past positions that are settled: {@link OutboxStore#floorCandidate()} reads the last
 * position drawn and then the transactions holding a write lock on the outbox (a transaction takes it before drawing a
 * position and keeps it to its end); once all of those have ended, every row at or below that position is committed or
 * gone, and a read after that which finds nothing late lets the floor rise to it (but never to or above a row in
 * flight or a parked row, which may be retried). Transaction ids would not do: one is assigned at a transaction's
 * first write, possibly after it drew its position. The floor only bounds the range the count walks (deleted rows
 * leave dead index entries until vacuum); correctness does not depend on how fast it rises.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /**
     * How often the relay tries to raise its floor while more than a batch of positions lies between floor and cursor:
     * often enough to keep the count's range short during a drain.
     */
    private static final Duration FLOOR_INTERVAL = Duration.ofMillis(20);

    /** How often it tries while the range is shorter: each try costs a query or two, and a short range is cheap. */
    private static final Duration SHORT_RANGE_FLOOR_INTERVAL = Duration.ofSeconds(1);

    private final OutboxStore store;

    private final KafkaTemplate<String, byte[]> kafka;

    private final TopicNames topics;

    private final MessagingProperties.Relay settings;

    private final MessagingMetrics metrics;

    private final RelayLeadership leadership;

    private final RelayWakeups wakeups;

    private volatile boolean running;

    /** Counted down when the relay is asked to stop: it cuts the pauses short, never a batch. */
    private volatile CountDownLatch stopping = new CountDownLatch(1);

    /** Guards {@link #inBatch}: a stop interrupts a relay between batches, and waits for one in a batch. */
    private final Object batchGuard = new Object();

    private boolean inBatch;

    private volatile Thread worker;

    // The state below belongs to the worker thread.

    /** The batches sent and not yet settled, oldest first. */
    private final Deque<InFlight> inFlight = new ArrayDeque<>();

    /** Keys whose rows must not be deleted: an earlier row of theirs failed while later ones were in flight. */
    private final Set<String> held = new HashSet<>();

    /** No row at or below this position can become eligible. */
    private long floor;

    /** The last position read. */
    private long cursor;

    /** A position the floor may rise to once its writers have ended, and once it has, a read that found nothing late. */
    private OutboxStore.FloorCandidate candidate;

    private long settled = -1;

    private long lastFloorCheck = System.nanoTime() - SHORT_RANGE_FLOOR_INTERVAL.toNanos();

    /**
     * The last read found the table drained up to the cursor (fewer rows than a batch, none late behind it): the next
     * read waits for a signal of new rows or the safety-net poll, not for an acknowledgement.
     */
    private boolean drained;

    /** When the safety-net poll reads even without a signal. */
    private long pollDue;

    /** The row the broker last refused for good, and how many times in a row. */
    private UUID refusedRow;

    private int refusals;

    OutboxRelay(OutboxStore store, KafkaTemplate<String, byte[]> kafka, TopicNames topics, MessagingProperties.Relay settings,
            MessagingMetrics metrics, RelayLeadership leadership, RelayWakeups wakeups) {
        this.store = store;
        this.kafka = kafka;
        this.topics = topics;
        this.settings = settings;
        this.metrics = metrics;
        this.leadership = leadership;
        this.wakeups = wakeups;
    }

    /** Signals that rows were committed: the relay sends them now instead of at its next poll. */
    public void wakeUp() {
        wakeups.signal();
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
     * Stops after the batches in flight: their acknowledgements are awaited (at most {@code sendTimeout}) and their rows
     * deleted, so rows that reached Kafka are not sent again by the next leader. Only a relay stuck past that is
     * interrupted.
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
                    log.warn("Outbox relay did not finish its batches in time; interrupting it");
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
                    restartFromTheStart();
                    log.info("Outbox relay is the leader for its database");
                }
                Next next;
                synchronized (batchGuard) {
                    if (!running) {
                        break;
                    }
                    inBatch = true;
                }
                try {
                    next = step();
                }
                finally {
                    synchronized (batchGuard) {
                        inBatch = !inFlight.isEmpty();
                    }
                }
                failures = 0;
                if (next == Next.POLL) {
                    wakeups.await(untilPollDue());
                }
                else if (next == Next.AWAIT) {
                    // A commit, or the oldest batch's acknowledgements (its sends nudge the relay when they complete).
                    wakeups.await(settings.sendTimeout());
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (Exception ex) {
                abandonInFlight();
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
        finishOnStop();
    }

    /**
     * One turn of the pipeline: settles the batches already acknowledged, then reads and sends the next batch if there
     * is room, or settles the oldest batch in flight when the pipeline is full; answers what to do next.
     */
    Next step() throws InterruptedException {
        while (!inFlight.isEmpty() && inFlight.peekFirst().acknowledgedOrFailed()) {
            finish(inFlight.pollFirst());
        }
        if (!inFlight.isEmpty() && (inFlight.size() >= settings.batchesInFlight() || inFlight.peekLast().stopped
                || System.nanoTime() - inFlight.peekFirst().deadline > 0)) {
            // The pipeline is full, a send failed before it left, or the oldest batch is past its deadline: nothing
            // more is read until the oldest settles.
            finish(inFlight.pollFirst());
            return Next.READ;
        }
        if (!wakeups.takeRowsSignal() && drained && System.nanoTime() - pollDue < 0) {
            // Woken by acknowledgements only: nothing new can have been committed since the last read.
            return inFlight.isEmpty() ? Next.POLL : Next.AWAIT;
        }
        long checkedUpTo = cursor;
        OutboxStore.Read read = store.readAfter(floor, cursor, settings.batchSize());
        pollDue = System.nanoTime() + settings.pollInterval().toNanos();
        drained = false;
        long inFlightRows = inFlight.stream().mapToLong(batch -> batch.rows.size()).sum();
        if (read.behind() > inFlightRows) {
            // A row committed late behind the cursor, or a parked row was put back in line: what was just read waits,
            // and after the batches in flight the relay reads again from the floor, in position order.
            log.debug("Outbox relay found {} rows behind its cursor; reading again from position {}",
                    read.behind() - inFlightRows, floor);
            finishAll();
            rewind();
            return Next.READ;
        }
        if (settled >= 0) {
            // Every row up to the settled position was final before this read, and none was found behind the cursor.
            long lowestInFlight = inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.peekFirst().rows.get(0).position();
            floor = Math.max(floor, Math.min(Math.min(settled, checkedUpTo), Math.min(lowestInFlight, read.lowestParked()) - 1));
            settled = -1;
            log.trace("Outbox relay floor now {} (cursor {})", floor, cursor);
        }
        if (read.rows().isEmpty()) {
            drained = true;
            raiseFloor();
            return inFlight.isEmpty() ? Next.POLL : Next.AWAIT;
        }
        cursor = read.rows().get(read.rows().size() - 1).position();
        drained = read.rows().size() < settings.batchSize();
        inFlight.addLast(send(read.rows()));
        // After the sends, while the broker works: the floor is bookkeeping, not on the way of a message.
        raiseFloor();
        return Next.READ;
    }

    /** Starts or checks a floor candidate, at most every {@link #FLOOR_INTERVAL} (or {@link #SHORT_RANGE_FLOOR_INTERVAL}). */
    private void raiseFloor() {
        long now = System.nanoTime();
        Duration interval = (cursor - floor > settings.batchSize()) ? FLOOR_INTERVAL : SHORT_RANGE_FLOOR_INTERVAL;
        if (now - lastFloorCheck < interval.toNanos()) {
            return;
        }
        lastFloorCheck = now;
        if (candidate == null) {
            candidate = store.floorCandidate();
        }
        else if (store.ended(candidate.writers())) {
            settled = candidate.position();
            candidate = null;
        }
    }

    /** Sends the rows in position order; stops at a row refused before it left, so no later row of its key overtakes it. */
    private InFlight send(List<OutboxStore.Row> rows) {
        InFlight batch = new InFlight(rows, System.nanoTime() + settings.sendTimeout().toNanos());
        for (OutboxStore.Row row : rows) {
            if (!leadership.isLeader()) {
                // The lease expired: what was sent is settled (fenced); the rest is the next leader's.
                batch.stopped = true;
                break;
            }
            CompletableFuture<SendResult<String, byte[]>> send = send(row.record());
            batch.sends.add(send);
            if (send.isCompletedExceptionally()) {
                // Refused before it left (broker unreachable, record too large for the producer, forbidden topic).
                batch.stopped = true;
                break;
            }
        }
        CompletableFuture.allOf(batch.sends.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> wakeups.nudge());
        return batch;
    }

    private CompletableFuture<SendResult<String, byte[]>> send(OutboxRecord row) {
        ProducerRecord<String, byte[]> record;
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

    private void finishAll() throws InterruptedException {
        while (!inFlight.isEmpty()) {
            finish(inFlight.pollFirst());
        }
    }

    /**
     * Settles the batch; on a failure, settles the rest of the pipeline too (nothing more is sent), then parks the row
     * or fails the turn so that the relay backs off. Either way the next read starts again from the floor.
     */
    private void finish(InFlight batch) throws InterruptedException {
        if (batch.stopped) {
            // Rows after the stop were not sent: the next read must look, and finds them behind the cursor.
            drained = false;
        }
        Failure failure = settle(batch);
        if (failure == null) {
            return;
        }
        while (!inFlight.isEmpty()) {
            settle(inFlight.pollFirst());
        }
        held.clear();
        rewind();
        metrics.publishFailed();
        int leaderPid = leadership.backendPid();
        if (SendFailures.refusedForGood(failure.cause()) && refusedAgain(failure.row()) >= settings.parkAfterAttempts()) {
            park(failure.row(), failure.cause(), leaderPid);
            return;
        }
        store.recordFailure(failure.row().id(), SendFailures.describe(failure.cause()), leaderPid);
        throw new IllegalStateException("Kafka did not acknowledge outbox row " + failure.row().id() + ": "
                + failure.cause().getMessage(), failure.cause());
    }

    /**
     * Awaits the batch's acknowledgements and deletes the acknowledged rows, except those of a key an earlier row of
     * which failed: that one is sent again first, then they are sent again after it. Answers the batch's first failure.
     */
    private Failure settle(InFlight batch) throws InterruptedException {
        List<UUID> acknowledged = new ArrayList<>(batch.sends.size());
        List<OutboxRecord> published = new ArrayList<>(batch.sends.size());
        Failure failure = null;
        for (int i = 0; i < batch.sends.size(); i++) {
            OutboxRecord row = batch.rows.get(i).record();
            try {
                batch.sends.get(i).get(Math.max(0, batch.deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (row.messageKey() == null || !held.contains(row.messageKey())) {
                    acknowledged.add(row.id());
                    published.add(row);
                }
            }
            catch (ExecutionException | TimeoutException ex) {
                if (row.messageKey() != null) {
                    held.add(row.messageKey());
                }
                if (failure == null) {
                    failure = new Failure(row,
                            (ex instanceof ExecutionException && ex.getCause() instanceof Exception cause) ? cause : ex);
                }
            }
        }
        if (!leadership.isLeader()) {
            log.warn("Outbox relay lost the lead with batches in flight: {} acknowledged rows left for the next leader to "
                    + "send again", acknowledged.size());
            abandonInFlight();
            return null;
        }
        int deleted = store.deleteAcknowledged(acknowledged, leadership.backendPid());
        if (deleted < acknowledged.size()) {
            log.warn("Outbox relay lost the lead before deleting: {} of {} acknowledged rows left for the next leader",
                    acknowledged.size() - deleted, acknowledged.size());
            abandonInFlight();
            return null;
        }
        published.forEach(metrics::published);
        return failure;
    }

    /** Forgets the batches in flight and reads again from the floor: their rows are still in the table. */
    private void abandonInFlight() {
        inFlight.clear();
        held.clear();
        rewind();
    }

    /** The next read starts again from the floor, at once. */
    private void rewind() {
        cursor = floor;
        settled = -1;
        drained = false;
    }

    /** A new term: nothing is assumed about the table. */
    private void restartFromTheStart() {
        abandonInFlight();
        floor = 0;
        cursor = 0;
        candidate = null;
    }

    /** On stop: the batches in flight are settled, so that what reached Kafka is not sent again. */
    private void finishOnStop() {
        try {
            finishAll();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ex) {
            log.warn("Outbox relay stopped with a batch Kafka did not acknowledge: {}", ex.getMessage());
        }
        abandonInFlight();
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

    /** A batch sent and not yet settled: its rows in position order, the sends made (a prefix), and its deadline. */
    private static final class InFlight {

        final List<OutboxStore.Row> rows;

        final List<CompletableFuture<SendResult<String, byte[]>>> sends;

        final long deadline;

        /** Sending stopped before the end of the batch. */
        boolean stopped;

        InFlight(List<OutboxStore.Row> rows, long deadline) {
            this.rows = rows;
            this.sends = new ArrayList<>(rows.size());
            this.deadline = deadline;
        }

        boolean acknowledgedOrFailed() {
            for (CompletableFuture<?> send : sends) {
                if (!send.isDone()) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Failure(OutboxRecord row, Exception cause) {
    }

    /** What the relay does after a turn: read again at once, wait for a signal, or poll (nothing in flight). */
    enum Next {
        READ, AWAIT, POLL
    }

    /** The wait until the safety-net poll is due, at most the poll interval. */
    private Duration untilPollDue() {
        long nanos = pollDue - System.nanoTime();
        // Whole milliseconds, rounded up: the wait is in milliseconds, and a wait of none would spin.
        return (nanos <= 0) ? Duration.ZERO
                : Duration.ofMillis(Math.min((nanos + 999_999) / 1_000_000, settings.pollInterval().toMillis()));
    }

    private Duration backoff(int failures) {
        long initial = settings.initialBackoff().toMillis();
        long millis = initial << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.maxBackoff().toMillis()));
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

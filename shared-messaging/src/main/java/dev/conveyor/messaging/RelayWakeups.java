package dev.conveyor.messaging;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The relay's wake-up signal, coalesced: any number of signals (commits of this instance, NOTIFYs of others, operator
 * actions, acknowledgements) before the relay looks again wake it once. It also remembers whether any of them said
 * that rows may be waiting, so that a relay woken only by acknowledgements settles them without reading the table.
 */
final class RelayWakeups {

    private final Semaphore permit = new Semaphore(0);

    private final AtomicBoolean rowsSignalled = new AtomicBoolean(true);

    /** Rows were committed or put back in line: the relay looks for them now rather than at its next poll. */
    void signal() {
        rowsSignalled.set(true);
        wake();
    }

    /** Something else the relay waits for happened (a batch's acknowledgements): it takes a turn, reading only if due. */
    void nudge() {
        wake();
    }

    /**
     * Whether rows were signalled since the last call, clearing the signal. The relay asks before it reads: a commit
     * after this call signals again, so none is missed.
     */
    boolean takeRowsSignal() {
        return rowsSignalled.getAndSet(false);
    }

    /** Waits for a wake-up or the timeout, whichever comes first; answers whether one came. */
    boolean await(Duration timeout) throws InterruptedException {
        if (permit.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            permit.drainPermits();
            return true;
        }
        return false;
    }

    private void wake() {
        if (permit.availablePermits() == 0) {
            permit.release();
        }
    }
}

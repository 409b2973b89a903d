package dev.conveyor.messaging;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The relay's wake-up signal, coalesced: any number of signals (commits of this instance, NOTIFYs of others, operator
 * actions) before the relay looks again wake it once.
 */
final class RelayWakeups {

    private final Semaphore permit = new Semaphore(0);

    /** Asks the relay to look for rows now rather than at its next poll. */
    void signal() {
        if (permit.availablePermits() == 0) {
            permit.release();
        }
    }

    /** Waits for a signal or the timeout, whichever comes first; answers whether a signal came. */
    boolean await(Duration timeout) throws InterruptedException {
        if (permit.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            permit.drainPermits();
            return true;
        }
        return false;
    }
}

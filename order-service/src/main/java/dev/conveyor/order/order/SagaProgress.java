package dev.conveyor.order.order;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * How far the fulfilment saga of an order has come, kept on the order itself (columns of {@code orders}): which
 * answers arrived (shipment scheduled, dispatch handled, the payment id), the answer it waits for with its deadline (and how often it was asked again, whether handling
 * the deadline failed, whether it gave up), and the card token while the payment step needs it (cleared as soon as
 * that step is over; never logged nor returned: see {@link #toString()}).
 */
@Embeddable
class SagaProgress {

    static final int MAX_ERROR_LENGTH = 500;

    @Column(name = "card_token")
    private String cardToken;

    @Column(name = "payment_id")
    private UUID paymentId;

    @Column(name = "shipment_scheduled", nullable = false)
    private boolean shipmentScheduled;

    @Column(name = "dispatch_handled", nullable = false)
    private boolean dispatchHandled;

    @Enumerated(EnumType.STRING)
    @Column(name = "awaiting")
    private Step awaiting;

    @Column(name = "waiting_since")
    private Instant waitingSince;

    @Column(name = "deadline")
    private Instant deadline;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "failures", nullable = false)
    private int failures;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "stuck_since")
    private Instant stuckSince;

    protected SagaProgress() {
        // for JPA
    }

    private SagaProgress(String cardToken) {
        this.cardToken = cardToken;
    }

    /** The progress of a saga that starts now, waiting for nothing yet: see {@link #await}. */
    static SagaProgress start(String cardToken) {
        return new SagaProgress(cardToken);
    }

    void notePayment(UUID paymentId) {
        if (paymentId != null) {
            this.paymentId = paymentId;
        }
    }

    /** Notes that shipping scheduled the order's shipment: the saga no longer waits for that answer. */
    void noteShipmentScheduled() {
        shipmentScheduled = true;
    }

    /** Notes that the dispatch was handled: payment captured and stock committed were asked for. */
    void noteDispatchHandled() {
        dispatchHandled = true;
    }

    /**
     * Waits for {@code step} (null: for nothing) from {@code now} on, until {@code now + timeout}. Waiting for the step
     * it already waits for changes nothing (a duplicate reply keeps the deadline); a new step starts afresh: no
     * attempts, failures nor stuck mark. The card token is forgotten once the stock and payment steps are behind.
     */
    void await(Step step, Instant now, Duration timeout) {
        if (waitingSince != null && step == awaiting) {
            return;
        }
        awaiting = step;
        waitingSince = now;
        deadline = step == null ? null : now.plus(Objects.requireNonNull(timeout, "timeout"));
        attempts = 0;
        failures = 0;
        lastError = null;
        stuckSince = null;
        if (step != Step.STOCK && step != Step.PAYMENT) {
            cardToken = null;
        }
    }

    /** The awaited step's command was sent again: one more attempt, the next deadline {@code wait} from now. */
    void resent(Instant now, Duration wait) {
        attempts++;
        deadline = now.plus(wait);
        clearFailures();
    }

    /** No answer after every re-send: no more deadline, stuck from now until the answer comes. */
    void giveUp(Instant now) {
        deadline = null;
        stuckSince = now;
        clearFailures();
    }

    /** Handling the deadline failed: the error is kept and the next try is {@code wait} from now. */
    void deadlineFailed(String error, Instant now, Duration wait) {
        failures++;
        lastError = error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        deadline = now.plus(wait);
    }

    /** Whether the deadline has passed and the scan has yet to act on it. */
    boolean isOverdue(Instant now) {
        return deadline != null && !deadline.isAfter(now);
    }

    private void clearFailures() {
        failures = 0;
        lastError = null;
    }

    /** The card token, only while the payment step still needs it. */
    String cardToken() {
        return cardToken;
    }

    UUID paymentId() {
        return paymentId;
    }

    boolean shipmentScheduled() {
        return shipmentScheduled;
    }

    boolean dispatchHandled() {
        return dispatchHandled;
    }

    /** The answer the saga waits for under a deadline; null when none. */
    Step awaiting() {
        return awaiting;
    }

    Instant waitingSince() {
        return waitingSince;
    }

    /** When the scan acts next: the step's deadline, or the next try after a re-send or a failure. */
    Instant deadline() {
        return deadline;
    }

    /** How many times the awaited step's command was sent again. */
    int attempts() {
        return attempts;
    }

    /** How many times in a row handling the deadline failed. */
    int failures() {
        return failures;
    }

    String lastError() {
        return lastError;
    }

    /** Since when the saga has given up asking; null while it still asks or waits for nothing. */
    Instant stuckSince() {
        return stuckSince;
    }

    @Override
    public String toString() {
        return "SagaProgress[paymentId=" + paymentId
                + ", shipmentScheduled=" + shipmentScheduled + ", dispatchHandled=" + dispatchHandled + ", awaiting="
                + awaiting + ", deadline=" + deadline + ", attempts=" + attempts + ", failures=" + failures
                + ", stuckSince=" + stuckSince + "]";
    }
}

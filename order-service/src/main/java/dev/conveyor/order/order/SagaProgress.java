package dev.conveyor.order.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * What the fulfilment saga of one order has done so far: which steps were requested and answered, the ids the
 * participants gave, the answer it waits for with its deadline (and how often it was asked again, whether handling
 * the deadline failed, whether it gave up), and the card token while the payment step needs it (cleared as soon as
 * that step is over; never logged nor returned: see {@link #toString()}).
 */
@Entity
@Table(name = "saga_state")
public class SagaState {

    static final int MAX_ERROR_LENGTH = 500;

    @Id
    @Column(name = "order_id")
    private UUID orderId;

    @Column(name = "card_token")
    private String cardToken;

    @Column(name = "payment_requested", nullable = false)
    private boolean paymentRequested;

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

    @Version
    private long version;

    protected SagaState() {
        // for JPA
    }

    private SagaState(UUID orderId, String cardToken) {
        this.orderId = orderId;
        this.cardToken = cardToken;
    }

    /** The state of a saga that starts now, waiting for nothing yet: see {@link #await}. */
    public static SagaState start(UUID orderId, String cardToken) {
        return new SagaState(Objects.requireNonNull(orderId, "orderId"), cardToken);
    }

    /** Notes the commands a transition sends, so later cells know which steps were requested. */
    public void noteSent(List<SagaCommand> commands) {
        if (commands.contains(SagaCommand.AUTHORIZE_PAYMENT)) {
            paymentRequested = true;
        }
        if (commands.contains(SagaCommand.CAPTURE_PAYMENT)) {
            dispatchHandled = true;
        }
    }

    public void notePayment(UUID paymentId) {
        if (paymentId != null) {
            this.paymentId = paymentId;
        }
    }

    /** Notes that shipping scheduled the order's shipment: the saga no longer waits for that answer. */
    public void noteShipmentScheduled() {
        shipmentScheduled = true;
    }

    /**
     * Waits for {@code step} (null: for nothing) from {@code now} on, until {@code now + timeout}. Waiting for the step
     * it already waits for changes nothing (a duplicate reply keeps the deadline); a new step starts afresh: no
     * attempts, failures nor stuck mark. The card token is forgotten once the stock and payment steps are behind.
     */
    public void await(Step step, Instant now, Duration timeout) {
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
    public void resent(Instant now, Duration wait) {
        attempts++;
        deadline = now.plus(wait);
        clearFailures();
    }

    /** No answer after every re-send: no more deadline, stuck from now until the answer comes. */
    public void giveUp(Instant now) {
        deadline = null;
        stuckSince = now;
        clearFailures();
    }

    /** Handling the deadline failed: the error is kept and the next try is {@code wait} from now. */
    public void deadlineFailed(String error, Instant now, Duration wait) {
        failures++;
        lastError = error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        deadline = now.plus(wait);
    }

    /** Whether the deadline has passed and the scan has yet to act on it. */
    public boolean isOverdue(Instant now) {
        return deadline != null && !deadline.isAfter(now);
    }

    private void clearFailures() {
        failures = 0;
        lastError = null;
    }

    public UUID orderId() {
        return orderId;
    }

    /** The card token, only while the payment step still needs it. */
    public String cardToken() {
        return cardToken;
    }

    public boolean paymentRequested() {
        return paymentRequested;
    }

    public UUID paymentId() {
        return paymentId;
    }

    public boolean shipmentScheduled() {
        return shipmentScheduled;
    }

    public boolean dispatchHandled() {
        return dispatchHandled;
    }

    /** The answer the saga waits for under a deadline; null when none. */
    public Step awaiting() {
        return awaiting;
    }

    public Instant waitingSince() {
        return waitingSince;
    }

    /** When the scan acts next: the step's deadline, or the next try after a re-send or a failure. */
    public Instant deadline() {
        return deadline;
    }

    /** How many times the awaited step's command was sent again. */
    public int attempts() {
        return attempts;
    }

    /** How many times in a row handling the deadline failed. */
    public int failures() {
        return failures;
    }

    public String lastError() {
        return lastError;
    }

    /** Since when the saga has given up asking; null while it still asks or waits for nothing. */
    public Instant stuckSince() {
        return stuckSince;
    }

    @Override
    public String toString() {
        return "SagaState[orderId=" + orderId + ", paymentRequested=" + paymentRequested + ", paymentId=" + paymentId
                + ", shipmentScheduled=" + shipmentScheduled + ", dispatchHandled=" + dispatchHandled + ", awaiting="
                + awaiting + ", deadline=" + deadline + ", attempts=" + attempts + ", failures=" + failures
                + ", stuckSince=" + stuckSince + "]";
    }
}

package dev.conveyor.order.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.conveyor.order.order.OrderStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * What the fulfilment saga of one order has done so far: which steps were requested and answered, the ids the
 * participants gave, the deadline of the step it waits for, and the card token while the payment step needs it
 * (cleared as soon as that step is over; never logged nor returned: see {@link #toString()}).
 */
@Entity
@Table(name = "saga_state")
public class SagaState {

    @Id
    @Column(name = "order_id")
    private UUID orderId;

    @Column(name = "card_token")
    private String cardToken;

    @Column(name = "payment_requested", nullable = false)
    private boolean paymentRequested;

    @Column(name = "payment_id")
    private UUID paymentId;

    @Column(name = "dispatch_handled", nullable = false)
    private boolean dispatchHandled;

    @Column(name = "deadline")
    private Instant deadline;

    @Version
    private long version;

    protected SagaState() {
        // for JPA
    }

    private SagaState(UUID orderId, String cardToken) {
        this.orderId = orderId;
        this.cardToken = cardToken;
    }

    /** The state of a saga that starts now: waiting for the stock step. */
    public static SagaState start(UUID orderId, String cardToken, Instant now, StepTimeouts timeouts) {
        SagaState saga = new SagaState(orderId, cardToken);
        saga.settle(OrderStatus.PLACED, now, timeouts);
        return saga;
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

    /**
     * Sets the deadline of the step the order now waits for (stock while PLACED, payment while STOCK_RESERVED; the
     * warehouse's dispatch has none) and forgets the card token once the payment step is behind.
     */
    public void settle(OrderStatus status, Instant now, StepTimeouts timeouts) {
        deadline = switch (status) {
            case PLACED -> now.plus(timeouts.stock());
            case STOCK_RESERVED -> now.plus(timeouts.payment());
            default -> null;
        };
        if (status != OrderStatus.PLACED && status != OrderStatus.STOCK_RESERVED) {
            cardToken = null;
        }
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

    public boolean dispatchHandled() {
        return dispatchHandled;
    }

    public Instant deadline() {
        return deadline;
    }

    @Override
    public String toString() {
        return "SagaState[orderId=" + orderId + ", paymentRequested=" + paymentRequested + ", paymentId=" + paymentId
                + ", dispatchHandled=" + dispatchHandled + ", deadline=" + deadline + "]";
    }

    /** How long the saga waits for each step's answer before it cancels the order with TIMED_OUT. */
    public record StepTimeouts(Duration stock, Duration payment) {
    }
}

package dev.conveyor.payment.payment;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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

import dev.conveyor.events.Message;
import dev.conveyor.events.Money;
import dev.conveyor.events.payment.PaymentAuthorized;
import dev.conveyor.events.payment.PaymentCaptureRejected;
import dev.conveyor.events.payment.PaymentCaptured;
import dev.conveyor.events.payment.PaymentDeclined;
import dev.conveyor.events.payment.PaymentVoidRejected;
import dev.conveyor.events.payment.PaymentVoided;

/**
 * The payment of one order and its state machine. Every transition returns the messages it causes. Each of them
 * answers a command of the saga, and a command is always answered: a transition whose target is already reached
 * changes nothing and returns the same answer again, so a repeated command gets the first answer. Refusals that are
 * business outcomes (capture after void, void after capture) are events too; only a move that contradicts what was
 * recorded (the gateway approving what it declined) throws {@link IllegalPaymentTransitionException}.
 * <p>
 * The id is also the idempotency key of the authorisation at the gateway; the keys of its capture and void are
 * derived from it ({@link #captureKey()}, {@link #voidKey()}), so that a retry after a crash reuses them. A payment is
 * voided at the gateway at most once, under its void key, whichever comes first: the void of a hold it recorded, the
 * void of an authorisation still in flight ({@link #mayHoldAmount()}), or an approval that arrives after the void
 * ({@link #voidedBeforeApproval()}).
 */
@Entity
@Table(name = "payment")
class Payment {

    /**
     * Why an AuthorizePayment is declined when the order's payment was voided before anything was authorised: a late
     * (e.g. replayed) authorisation request must never charge a card for a voided order.
     */
    static final String VOIDED_BEFORE_AUTHORIZATION = "PAYMENT_VOIDED";

    /** Why an AuthorizePayment for a zero or negative amount is declined without asking the gateway. */
    static final String INVALID_AMOUNT = "INVALID_AMOUNT";

    @Id
    private UUID id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private UUID orderId;

    /** Null only for a payment voided before it was authorised: a void recorded for an order that had no payment. */
    private BigDecimal amount;

    private String currency;

    @Column(name = "masked_card_token")
    private String maskedCardToken;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PaymentStatus status;

    @Column(name = "authorization_code")
    private String authorizationCode;

    @Column(name = "decline_reason")
    private String declineReason;

    @Version
    private Long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Payment() {
        // for JPA
    }

    private Payment(UUID orderId, Money amount, MaskedCardToken cardToken, PaymentStatus status, Instant now) {
        this.id = UUID.randomUUID();
        this.orderId = Objects.requireNonNull(orderId, "orderId is required");
        this.amount = (amount != null) ? amount.toBigDecimal() : null;
        this.currency = (amount != null) ? amount.currency() : null;
        this.maskedCardToken = (cardToken != null) ? cardToken.value() : null;
        this.status = status;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * A new payment for the order, waiting for the gateway; or already declined with {@link #INVALID_AMOUNT} when
     * the amount is not positive, since no provider would hold it.
     */
    static Payment requestAuthorization(UUID orderId, Money amount, String cardToken, Instant now) {
        Objects.requireNonNull(amount, "amount is required");
        Payment payment = new Payment(orderId, amount, MaskedCardToken.of(cardToken), PaymentStatus.AUTHORIZING, now);
        if (amount.toBigDecimal().signum() <= 0) {
            payment.status = PaymentStatus.DECLINED;
            payment.declineReason = INVALID_AMOUNT;
        }
        return payment;
    }

    /** The record of a void for an order that has no payment: a later authorisation request must not charge. */
    static Payment voidedBeforeAuthorization(UUID orderId, Instant now) {
        return new Payment(orderId, null, null, PaymentStatus.VOIDED, now);
    }

    /** Whether the authorisation still waits for the gateway's answer. */
    boolean awaitsGateway() {
        return status == PaymentStatus.AUTHORIZING;
    }

    /**
     * Whether the amount is held on the card, so that capturing it must go through the gateway before the capture is
     * recorded. In every other state {@link #capture} answers without the provider.
     */
    boolean holdsAmount() {
        return status == PaymentStatus.AUTHORIZED;
    }

    /**
     * Whether the provider may hold an amount for this payment, so that a void must go through the gateway before it
     * is recorded: it does once AUTHORIZED, and may while AUTHORIZING, since the approval may have been given and not
     * recorded (a crash between the gateway call and the commit, a dead-lettered AuthorizePayment) or still be on its
     * way. The gateway's void releases whatever the authorisation's key holds and closes the key, so that nothing stays
     * held either way. In every other state {@link #voidAuthorization} answers without the provider.
     */
    boolean mayHoldAmount() {
        return status == PaymentStatus.AUTHORIZED || status == PaymentStatus.AUTHORIZING;
    }

    /**
     * Whether an approval that the gateway gives now comes after this payment was voided with no authorisation
     * recorded: the hold it reports must be voided at the gateway under {@link #voidKey()} (the key of the void that
     * came first, so that the hold is voided once, whoever asks) before the answer is recorded. The payment stays
     * VOIDED ({@link #recordApproval}).
     */
    boolean voidedBeforeApproval() {
        return status == PaymentStatus.VOIDED && !wasAuthorized();
    }

    /** The idempotency key of this payment's capture at the gateway: stable, so every retry reuses it. */
    UUID captureKey() {
        return captureKeyOf(id);
    }

    /** The idempotency key of this payment's void at the gateway: stable, so every retry reuses it. */
    UUID voidKey() {
        return voidKeyOf(id);
    }

    static UUID captureKeyOf(UUID paymentId) {
        return derivedKey(paymentId, "capture");
    }

    static UUID voidKeyOf(UUID paymentId) {
        return derivedKey(paymentId, "void");
    }

    private static UUID derivedKey(UUID paymentId, String operation) {
        return UUID.nameUUIDFromBytes((paymentId + "/" + operation).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The answer to an AuthorizePayment once the authorisation is decided: PaymentAuthorized for a payment that was
     * ever authorised (even if captured or voided since), PaymentDeclined otherwise.
     */
    List<Message> authorizationOutcome() {
        if (status == PaymentStatus.AUTHORIZING) {
            throw new IllegalPaymentTransitionException("Payment " + id + " of order " + orderId + " is still being authorised");
        }
        if (wasAuthorized()) {
            return List.of(new PaymentAuthorized(orderId, id, amount(), authorizationCode));
        }
        return List.of(new PaymentDeclined(orderId,
                status == PaymentStatus.DECLINED ? declineReason : VOIDED_BEFORE_AUTHORIZATION));
    }

    /** Records the gateway's approval. */
    List<Message> recordApproval(String code, Instant now) {
        Objects.requireNonNull(code, "authorization code is required");
        if (status == PaymentStatus.AUTHORIZING) {
            status = PaymentStatus.AUTHORIZED;
            authorizationCode = code;
            updatedAt = now;
            return authorizationOutcome();
        }
        if (status == PaymentStatus.DECLINED || (wasAuthorized() && !authorizationCode.equals(code))) {
            throw new IllegalPaymentTransitionException("Payment " + id + " of order " + orderId + " is " + status
                    + " with another outcome: the gateway's approval contradicts it");
        }
        // Already recorded, or voided while the gateway was deciding (its hold voided at the gateway, see
        // voidedBeforeApproval): the recorded outcome stands.
        return authorizationOutcome();
    }

    /** Records the gateway's refusal. */
    List<Message> recordDecline(String reason, Instant now) {
        Objects.requireNonNull(reason, "decline reason is required");
        if (status == PaymentStatus.AUTHORIZING) {
            status = PaymentStatus.DECLINED;
            declineReason = reason;
            updatedAt = now;
            return authorizationOutcome();
        }
        if (wasAuthorized()) {
            throw new IllegalPaymentTransitionException("Payment " + id + " of order " + orderId + " is " + status
                    + ": the gateway's decline contradicts its authorisation");
        }
        return authorizationOutcome();
    }

    /** Charges the held amount: AUTHORIZED -> CAPTURED; repeated, it answers PaymentCaptured again. */
    List<Message> capture(Instant now) {
        return List.of(switch (status) {
            case AUTHORIZED -> {
                status = PaymentStatus.CAPTURED;
                updatedAt = now;
                yield new PaymentCaptured(orderId, id, amount());
            }
            case CAPTURED -> new PaymentCaptured(orderId, id, amount());
            case AUTHORIZING -> new PaymentCaptureRejected(orderId, id, PaymentCaptureRejected.NOT_AUTHORIZED);
            case DECLINED -> new PaymentCaptureRejected(orderId, id, PaymentCaptureRejected.PAYMENT_DECLINED);
            case VOIDED -> new PaymentCaptureRejected(orderId, voidedBeforeAuthorization() ? null : id,
                    PaymentCaptureRejected.PAYMENT_VOIDED);
        });
    }

    /**
     * Records the void, once the gateway voided what the payment's key holds ({@link #mayHoldAmount()}): AUTHORIZED
     * (or still AUTHORIZING) -> VOIDED. A declined payment has nothing to void and is answered PaymentVoided as it is;
     * a captured one is refused. PaymentVoided names the payment only when a recorded authorisation was released.
     */
    List<Message> voidAuthorization(Instant now) {
        return List.of(switch (status) {
            case AUTHORIZED, AUTHORIZING -> {
                status = PaymentStatus.VOIDED;
                updatedAt = now;
                yield voided();
            }
            case VOIDED, DECLINED -> voided();
            case CAPTURED -> new PaymentVoidRejected(orderId, id, PaymentVoidRejected.PAYMENT_CAPTURED);
        });
    }

    private PaymentVoided voided() {
        return new PaymentVoided(orderId, wasAuthorized() ? id : null);
    }

    private boolean wasAuthorized() {
        return authorizationCode != null;
    }

    private boolean voidedBeforeAuthorization() {
        return amount == null;
    }

    UUID id() {
        return id;
    }

    UUID orderId() {
        return orderId;
    }

    /** The amount, or null for a payment voided before it was authorised. */
    Money amount() {
        return (amount != null) ? Money.of(amount, currency) : null;
    }

    String maskedCardToken() {
        return maskedCardToken;
    }

    PaymentStatus status() {
        return status;
    }

    String authorizationCode() {
        return authorizationCode;
    }

    String declineReason() {
        return declineReason;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}

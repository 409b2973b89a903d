package dev.conveyor.payment.payment;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.conveyor.events.Message;
import dev.conveyor.events.Money;
import dev.conveyor.events.payment.AuthorizePayment;
import dev.conveyor.events.payment.PaymentCaptureRejected;
import dev.conveyor.messaging.Outbox;
import dev.conveyor.payment.gateway.GatewayResult;
import dev.conveyor.payment.gateway.PaymentGateway;

/**
 * The payment use cases: authorise through the gateway, capture, void, and the queries of the REST API. Every
 * outcome is published through the outbox in the transaction that records it.
 * <p>
 * No hold is left at the gateway: a void that meets an authorisation still in flight voids at the gateway whatever the
 * payment's key holds, and an approval that arrives after a void is voided there too, under the same void key, so that
 * the hold is voided once whichever comes first. The gateway voids are counted in
 * {@code conveyor.payment.gateway.voids}, tagged by what the payment had recorded of the authorisation
 * ({@code recorded}, {@code in-flight}, {@code approved-after-void}).
 */
@Service
class Payments {

    private static final Logger log = LoggerFactory.getLogger(Payments.class);

    private final PaymentRepository payments;

    private final PaymentGateway gateway;

    private final Outbox outbox;

    private final TransactionTemplate transactions;

    private final Clock clock;

    private final Counter voidsOfRecordedHolds;

    private final Counter voidsInFlight;

    private final Counter voidsOfApprovalsAfterVoid;

    Payments(PaymentRepository payments, PaymentGateway gateway, Outbox outbox, PlatformTransactionManager transactionManager,
            MeterRegistry meters, Clock clock) {
        this.payments = payments;
        this.gateway = gateway;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.voidsOfRecordedHolds = gatewayVoids(meters, "recorded");
        this.voidsInFlight = gatewayVoids(meters, "in-flight");
        this.voidsOfApprovalsAfterVoid = gatewayVoids(meters, "approved-after-void");
    }

    private static Counter gatewayVoids(MeterRegistry meters, String authorization) {
        return Counter.builder("conveyor.payment.gateway.voids")
            .description("Voids done at the payment gateway, by what the payment had recorded of the authorisation")
            .tag("authorization", authorization)
            .register(meters);
    }

    /**
     * Authorises the order's amount, at most once per order, without holding a transaction open during the gateway
     * call: (1) one transaction finds or creates the payment (a decided one re-sends its outcome and stops);
     * (2) the gateway is called, outside any transaction, with the payment id as idempotency key; (3) a second
     * transaction records the outcome and publishes it. A {@code GatewayUnavailableException} in (2), or a failure
     * of (3), propagates so that the message is retried; the retry finds the payment still AUTHORIZING and asks the
     * gateway again with the same key, which answers the first decision instead of placing a second hold.
     * <p>
     * An approval that finds the payment voided meanwhile (the void met this authorisation in flight) is voided at
     * the gateway under the payment's void key before the answer is recorded; the payment stays VOIDED. A crash
     * after that void redelivers the command, which finds the payment VOIDED and is answered without the gateway.
     * Must be called outside a transaction.
     */
    void authorize(AuthorizePayment command) {
        Optional<PendingAuthorization> pending = transactions.execute(status -> begin(command));
        if (pending == null || pending.isEmpty()) {
            return;
        }
        PendingAuthorization authorization = pending.get();
        GatewayResult result = gateway.authorize(authorization.paymentId(), authorization.amount(), command.cardToken());
        if (Boolean.TRUE.equals(transactions.execute(status -> recordUnlessVoided(authorization.paymentId(), result)))) {
            return;
        }
        log.warn("Payment {} of order {} was voided while the gateway approved it: voiding the hold at the gateway",
                authorization.paymentId(), command.orderId());
        gateway.voidAuthorization(Payment.voidKeyOf(authorization.paymentId()), authorization.paymentId());
        voidsOfApprovalsAfterVoid.increment();
        transactions.executeWithoutResult(status -> record(load(authorization.paymentId()), result));
    }

    private Optional<PendingAuthorization> begin(AuthorizePayment command) {
        Optional<Payment> existing = payments.findByOrderId(command.orderId());
        Payment payment = existing.orElseGet(() ->
                payments.save(Payment.requestAuthorization(command.orderId(), command.amount(), command.cardToken(),
                        clock.instant())));
        if (payment.awaitsGateway()) {
            if (existing.isPresent()) {
                log.info("Resuming authorisation {} of order {} with the same idempotency key", payment.id(), payment.orderId());
            }
            return Optional.of(new PendingAuthorization(payment.id(), payment.amount()));
        }
        log.info("Authorisation of order {} is decided ({}): answering again", payment.orderId(), payment.status());
        publish("Authorisation", payment.orderId(), payment.authorizationOutcome());
        return Optional.empty();
    }

    /**
     * Records the gateway's answer and publishes it, in the caller's transaction; answers false, recording nothing, for
     * an approval of a payment voided meanwhile: its hold must be voided at the gateway first, outside a transaction.
     */
    private boolean recordUnlessVoided(UUID paymentId, GatewayResult result) {
        Payment payment = load(paymentId);
        if (result instanceof GatewayResult.Approved && payment.voidedBeforeApproval()) {
            return false;
        }
        record(payment, result);
        return true;
    }

    private Payment load(UUID paymentId) {
        return payments.findById(paymentId)
            .orElseThrow(() -> new IllegalStateException("Payment " + paymentId + " vanished during its authorisation"));
    }

    private void record(Payment payment, GatewayResult result) {
        List<Message> outcome = switch (result) {
            case GatewayResult.Approved approved -> payment.recordApproval(approved.authorizationCode(), clock.instant());
            case GatewayResult.Declined declined -> payment.recordDecline(declined.reason(), clock.instant());
        };
        log.debug("Payment {} of order {} is {}", payment.id(), payment.orderId(), payment.status());
        publish("Authorisation", payment.orderId(), outcome);
    }

    /**
     * Captures the order's authorised amount, or answers why not, without holding a transaction open during the
     * gateway call: (1) a transaction loads the payment; unless it holds an amount, the aggregate answers (captured
     * again, or rejected) and that is all; (2) outside any transaction the gateway captures the hold under the
     * payment's capture key; (3) a transaction records the capture and publishes PaymentCaptured. A failure in (2) or
     * (3) propagates so that the message is retried; the retry finds the payment still AUTHORIZED and asks the
     * gateway again with the same key, which answers the first capture instead of charging twice.
     * Must be called outside a transaction.
     */
    void capture(UUID orderId) {
        Optional<Hold> hold = transactions.execute(status -> beginCapture(orderId));
        if (hold == null || hold.isEmpty()) {
            return;
        }
        gateway.capture(hold.get().captureKey(), hold.get().paymentId(), hold.get().amount());
        transactions.executeWithoutResult(status -> {
            Payment payment = reload(hold.get());
            publish("Capture", payment.orderId(), payment.capture(clock.instant()));
        });
    }

    private Optional<Hold> beginCapture(UUID orderId) {
        Optional<Payment> payment = payments.findByOrderId(orderId);
        if (payment.isPresent() && payment.get().holdsAmount()) {
            return Optional.of(Hold.of(payment.get()));
        }
        publish("Capture", orderId, payment.map(found -> found.capture(clock.instant()))
            .orElseGet(() -> List.of(new PaymentCaptureRejected(orderId, null, PaymentCaptureRejected.NOT_AUTHORIZED))));
        return Optional.empty();
    }

    /**
     * Voids the order's authorisation, or answers why not, in the three steps of {@link #capture}: a payment that
     * holds an amount, or may (still AUTHORIZING: its approval may be unrecorded after a crash, or still on its way),
     * is voided at the gateway under the payment's void key, which releases whatever the authorisation's key holds and
     * keeps it from holding anything later. An order without a payment is answered PaymentVoided and gets a payment
     * created VOIDED, so that an AuthorizePayment arriving later (a replayed dead letter) is declined instead of charging
     * the card. Must be called outside a transaction.
     */
    void voidAuthorization(UUID orderId) {
        Optional<Hold> hold = transactions.execute(status -> beginVoid(orderId));
        if (hold == null || hold.isEmpty()) {
            return;
        }
        if (hold.get().status() == PaymentStatus.AUTHORIZING) {
            log.warn("Payment {} of order {} is voided while its authorisation is unrecorded: voiding whatever the "
                    + "gateway holds for it", hold.get().paymentId(), orderId);
        }
        gateway.voidAuthorization(hold.get().voidKey(), hold.get().paymentId());
        (hold.get().status() == PaymentStatus.AUTHORIZING ? voidsInFlight : voidsOfRecordedHolds).increment();
        transactions.executeWithoutResult(status -> {
            Payment payment = reload(hold.get());
            publish("Void", payment.orderId(), payment.voidAuthorization(clock.instant()));
        });
    }

    private Optional<Hold> beginVoid(UUID orderId) {
        Payment payment = payments.findByOrderId(orderId)
            .orElseGet(() -> payments.save(Payment.voidedBeforeAuthorization(orderId, clock.instant())));
        if (payment.mayHoldAmount()) {
            return Optional.of(Hold.of(payment));
        }
        publish("Void", orderId, payment.voidAuthorization(clock.instant()));
        return Optional.empty();
    }

    /**
     * The payment again after the gateway call, checked by its {@code @Version} at commit. Commands of one order are
     * handled one at a time, so it is normally as it was; if not (an authorisation in flight recorded meanwhile), the
     * aggregate answers from what it recorded.
     */
    private Payment reload(Hold hold) {
        Payment payment = payments.findById(hold.paymentId())
            .orElseThrow(() -> new IllegalStateException("Payment " + hold.paymentId() + " vanished during a gateway call"));
        if (payment.status() != hold.status()) {
            log.warn("Payment {} of order {} became {} during a gateway call: answering from what it recorded",
                    payment.id(), payment.orderId(), payment.status());
        }
        return payment;
    }

    private void publish(String operation, UUID orderId, List<Message> messages) {
        messages.forEach(message -> {
            log.debug("{} of order {}: {}", operation, orderId, message.getClass().getSimpleName());
            outbox.publish(message);
        });
    }

    @Transactional(readOnly = true)
    List<Payment> ofOrder(UUID orderId) {
        return payments.findByOrderId(orderId).stream().toList();
    }

    @Transactional(readOnly = true)
    Payment get(UUID id) {
        return payments.findById(id).orElseThrow(() -> new PaymentNotFoundException(id));
    }

    /** A payment waiting for the gateway: its id is the idempotency key, its amount what the first command asked. */
    private record PendingAuthorization(UUID paymentId, Money amount) {
    }

    /**
     * An amount held (or, while AUTHORIZING, maybe held) at the gateway, to capture or void there; the payment id is
     * the authorisation's key.
     */
    private record Hold(UUID paymentId, PaymentStatus status, Money amount, UUID captureKey, UUID voidKey) {

        static Hold of(Payment payment) {
            return new Hold(payment.id(), payment.status(), payment.amount(), payment.captureKey(), payment.voidKey());
        }
    }
}

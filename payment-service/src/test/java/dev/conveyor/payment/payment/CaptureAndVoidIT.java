package dev.conveyor.payment.payment;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.events.Message;
import dev.conveyor.events.payment.AuthorizePayment;
import dev.conveyor.events.payment.CapturePayment;
import dev.conveyor.events.payment.PaymentAuthorized;
import dev.conveyor.events.payment.PaymentCaptureRejected;
import dev.conveyor.events.payment.PaymentCaptured;
import dev.conveyor.events.payment.PaymentDeclined;
import dev.conveyor.events.payment.PaymentVoidRejected;
import dev.conveyor.events.payment.PaymentVoided;
import dev.conveyor.events.payment.VoidPayment;
import dev.conveyor.payment.gateway.SimulatedPaymentGateway;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static dev.conveyor.payment.payment.PaymentMother.AMOUNT;
import static dev.conveyor.payment.payment.PaymentMother.APPROVED_CARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CapturePayment and VoidPayment on real PostgreSQL and Kafka: every state, duplicates of both commands, and what
 * reaches the gateway (only the capture or void of a held amount, once per payment).
 */
@SpringBootTest(properties = {
        "conveyor.messaging.consumer.initial-backoff=50ms",
        "conveyor.messaging.consumer.max-backoff=200ms" })
@RealInfrastructure
class CaptureAndVoidIT {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SimulatedPaymentGateway gateway;

    @Autowired
    MessageBus bus;

    @Test
    void capturesAnAuthorisedPayment() {
        PaymentAuthorized authorized = authorizedPayment();

        bus.send(new CapturePayment(authorized.orderId()));

        assertThat(bus.await(PaymentCaptured.class, event -> event.orderId().equals(authorized.orderId())))
            .isEqualTo(new PaymentCaptured(authorized.orderId(), authorized.paymentId(), AMOUNT));
        assertThat(statusOf(authorized.orderId())).isEqualTo("CAPTURED");
        assertThat(gateway.callsFor(Payment.captureKeyOf(authorized.paymentId()))).isEqualTo(1);
        assertThat(gateway.newCapturesFor(authorized.paymentId())).isEqualTo(1);
    }

    @Test
    void skipsARedeliveredCaptureAndAnswersARepeatedOneWithPaymentCapturedAgain() {
        PaymentAuthorized authorized = authorizedPayment();
        UUID orderId = authorized.orderId();
        UUID messageId = bus.send(new CapturePayment(orderId));
        PaymentCaptured captured = bus.await(PaymentCaptured.class, event -> event.orderId().equals(orderId));

        bus.send(new CapturePayment(orderId), messageId);
        awaitEverythingBeforeIsHandled(orderId);
        assertThat(eventsOf(PaymentCaptured.class, orderId)).as("the redelivery was skipped").containsExactly(captured);

        bus.send(new CapturePayment(orderId));
        await().untilAsserted(() -> assertThat(eventsOf(PaymentCaptured.class, orderId)).containsExactly(captured, captured));
        assertThat(statusOf(orderId)).isEqualTo("CAPTURED");
        assertThat(gateway.callsFor(Payment.captureKeyOf(authorized.paymentId())))
            .as("neither the redelivery nor the repeat reached the gateway").isEqualTo(1);
        assertThat(gateway.newCapturesFor(authorized.paymentId())).isEqualTo(1);
    }

    @Test
    void voidsAnAuthorisedPayment() {
        PaymentAuthorized authorized = authorizedPayment();

        bus.send(new VoidPayment(authorized.orderId()));

        assertThat(bus.await(PaymentVoided.class, event -> event.orderId().equals(authorized.orderId())))
            .isEqualTo(new PaymentVoided(authorized.orderId(), authorized.paymentId()));
        assertThat(statusOf(authorized.orderId())).isEqualTo("VOIDED");
        assertThat(gateway.callsFor(Payment.voidKeyOf(authorized.paymentId()))).isEqualTo(1);
        assertThat(gateway.newVoidsFor(authorized.paymentId())).isEqualTo(1);
    }

    @Test
    void skipsARedeliveredVoidAndAnswersARepeatedOneWithPaymentVoidedAgain() {
        PaymentAuthorized authorized = authorizedPayment();
        UUID orderId = authorized.orderId();
        UUID messageId = bus.send(new VoidPayment(orderId));
        PaymentVoided voided = bus.await(PaymentVoided.class, event -> event.orderId().equals(orderId));

        bus.send(new VoidPayment(orderId), messageId);
        awaitEverythingBeforeIsHandled(orderId);
        assertThat(eventsOf(PaymentVoided.class, orderId)).as("the redelivery was skipped").containsExactly(voided);

        bus.send(new VoidPayment(orderId));
        await().untilAsserted(() -> assertThat(eventsOf(PaymentVoided.class, orderId)).containsExactly(voided, voided));
        assertThat(gateway.callsFor(Payment.voidKeyOf(authorized.paymentId())))
            .as("neither the redelivery nor the repeat reached the gateway").isEqualTo(1);
        assertThat(gateway.newVoidsFor(authorized.paymentId())).isEqualTo(1);
    }

    @Test
    void rejectsACaptureAfterAVoid() {
        PaymentAuthorized authorized = authorizedPayment();
        bus.send(new VoidPayment(authorized.orderId()));

        bus.send(new CapturePayment(authorized.orderId()));

        assertThat(bus.await(PaymentCaptureRejected.class, event -> event.orderId().equals(authorized.orderId())))
            .isEqualTo(new PaymentCaptureRejected(authorized.orderId(), authorized.paymentId(), PaymentCaptureRejected.PAYMENT_VOIDED));
        assertThat(eventsOf(PaymentCaptured.class, authorized.orderId())).isEmpty();
        assertThat(statusOf(authorized.orderId())).isEqualTo("VOIDED");
        assertThat(gateway.callsFor(Payment.captureKeyOf(authorized.paymentId()))).isZero();
        assertThat(gateway.newVoidsFor(authorized.paymentId())).isEqualTo(1);
    }

    @Test
    void rejectsAVoidAfterACapture() {
        PaymentAuthorized authorized = authorizedPayment();
        bus.send(new CapturePayment(authorized.orderId()));

        bus.send(new VoidPayment(authorized.orderId()));

        assertThat(bus.await(PaymentVoidRejected.class, event -> event.orderId().equals(authorized.orderId())))
            .isEqualTo(new PaymentVoidRejected(authorized.orderId(), authorized.paymentId(), PaymentVoidRejected.PAYMENT_CAPTURED));
        assertThat(eventsOf(PaymentVoided.class, authorized.orderId())).isEmpty();
        assertThat(statusOf(authorized.orderId())).isEqualTo("CAPTURED");
        assertThat(gateway.callsFor(Payment.voidKeyOf(authorized.paymentId()))).isZero();
        assertThat(gateway.newCapturesFor(authorized.paymentId())).isEqualTo(1);
    }

    @Test
    void rejectsTheCaptureOfAnOrderWithoutPayment() {
        UUID orderId = UUID.randomUUID();

        bus.send(new CapturePayment(orderId));

        assertThat(bus.await(PaymentCaptureRejected.class, event -> event.orderId().equals(orderId)))
            .isEqualTo(new PaymentCaptureRejected(orderId, null, PaymentCaptureRejected.NOT_AUTHORIZED));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment WHERE order_id = ?", Integer.class, orderId)).isZero();
    }

    @Test
    void rejectsTheCaptureOfADeclinedPaymentAndVoidsItAsNothingToVoid() {
        UUID orderId = UUID.randomUUID();
        bus.send(new AuthorizePayment(orderId, AMOUNT, "tok_declined"));
        bus.await(PaymentDeclined.class, event -> event.orderId().equals(orderId));

        bus.send(new CapturePayment(orderId));
        bus.send(new VoidPayment(orderId));

        PaymentCaptureRejected rejected = bus.await(PaymentCaptureRejected.class, event -> event.orderId().equals(orderId));
        PaymentVoided voided = bus.await(PaymentVoided.class, event -> event.orderId().equals(orderId));
        assertThat(rejected.reason()).isEqualTo(PaymentCaptureRejected.PAYMENT_DECLINED);
        assertThat(voided.paymentId()).isNull();
        assertThat(statusOf(orderId)).isEqualTo("DECLINED");
        UUID paymentId = jdbc.queryForObject("SELECT id FROM payment WHERE order_id = ?", UUID.class, orderId);
        assertThat(gateway.callsFor(Payment.captureKeyOf(paymentId))).isZero();
        assertThat(gateway.callsFor(Payment.voidKeyOf(paymentId))).isZero();
    }

    @Test
    void voidsAnOrderWithoutPaymentAndDeclinesALaterAuthorisationInsteadOfCharging() {
        UUID orderId = UUID.randomUUID();

        bus.send(new VoidPayment(orderId));
        PaymentVoided voided = bus.await(PaymentVoided.class, event -> event.orderId().equals(orderId));
        bus.send(new AuthorizePayment(orderId, AMOUNT, APPROVED_CARD));

        PaymentDeclined declined = bus.await(PaymentDeclined.class, event -> event.orderId().equals(orderId));
        assertThat(voided).isEqualTo(new PaymentVoided(orderId, null));
        assertThat(declined.reason()).isEqualTo(Payment.VOIDED_BEFORE_AUTHORIZATION);
        assertThat(eventsOf(PaymentAuthorized.class, orderId)).isEmpty();
        assertThat(jdbc.queryForMap("SELECT status, amount, authorization_code FROM payment WHERE order_id = ?", orderId))
            .containsEntry("status", "VOIDED")
            .containsEntry("amount", null)
            .containsEntry("authorization_code", null);
    }

    @Test
    void capturesOnceAtTheGatewayWhenTheCommitAfterTheCaptureFails() {
        PaymentAuthorized authorized = authorizedPayment();
        failTheFirstRecordingOf("CAPTURED", authorized.orderId());

        bus.send(new CapturePayment(authorized.orderId()));

        bus.await(PaymentCaptured.class, event -> event.orderId().equals(authorized.orderId()));
        assertThat(gateway.callsFor(Payment.captureKeyOf(authorized.paymentId())))
            .as("the retry asked the gateway again with the same key").isEqualTo(2);
        assertThat(gateway.newCapturesFor(authorized.paymentId())).as("but charged once").isEqualTo(1);
        assertThat(eventsOf(PaymentCaptured.class, authorized.orderId())).hasSize(1);
        assertThat(statusOf(authorized.orderId())).isEqualTo("CAPTURED");
    }

    @Test
    void voidsOnceAtTheGatewayWhenTheCommitAfterTheVoidFails() {
        PaymentAuthorized authorized = authorizedPayment();
        failTheFirstRecordingOf("VOIDED", authorized.orderId());

        bus.send(new VoidPayment(authorized.orderId()));

        bus.await(PaymentVoided.class, event -> event.orderId().equals(authorized.orderId()));
        assertThat(gateway.callsFor(Payment.voidKeyOf(authorized.paymentId())))
            .as("the retry asked the gateway again with the same key").isEqualTo(2);
        assertThat(gateway.newVoidsFor(authorized.paymentId())).as("but released once").isEqualTo(1);
        assertThat(eventsOf(PaymentVoided.class, authorized.orderId())).hasSize(1);
        assertThat(statusOf(authorized.orderId())).isEqualTo("VOIDED");
    }

    @Test
    void retriesACaptureThroughTransientGatewayFailuresWithTheSameKey() {
        UUID orderId = UUID.randomUUID();
        bus.send(new AuthorizePayment(orderId, AMOUNT, SimulatedPaymentGateway.GATEWAY_ERROR_TOKEN));
        PaymentAuthorized authorized = bus.await(PaymentAuthorized.class, event -> event.orderId().equals(orderId));

        bus.send(new CapturePayment(orderId));

        bus.await(PaymentCaptured.class, event -> event.orderId().equals(orderId));
        assertThat(gateway.callsFor(Payment.captureKeyOf(authorized.paymentId()))).as("two failures, then the capture")
            .isEqualTo(3);
        assertThat(gateway.newCapturesFor(authorized.paymentId())).isEqualTo(1);
        assertThat(statusOf(orderId)).isEqualTo("CAPTURED");
    }

    private PaymentAuthorized authorizedPayment() {
        UUID orderId = UUID.randomUUID();
        bus.send(new AuthorizePayment(orderId, AMOUNT, APPROVED_CARD));
        return bus.await(PaymentAuthorized.class, event -> event.orderId().equals(orderId));
    }

    /**
     * Commands of one order share a partition: once a later one is answered, every earlier one was handled. The
     * marker is an AuthorizePayment, whose repeated answer changes nothing.
     */
    private void awaitEverythingBeforeIsHandled(UUID orderId) {
        int before = eventsOf(PaymentAuthorized.class, orderId).size();
        bus.send(new AuthorizePayment(orderId, AMOUNT, APPROVED_CARD));
        await().until(() -> eventsOf(PaymentAuthorized.class, orderId).size() > before);
    }

    private <T extends Message> List<T> eventsOf(Class<T> type, UUID orderId) {
        return bus.received(type).stream().filter(event -> orderId.toString().equals(event.partitionKey())).toList();
    }

    /**
     * A crash between the gateway call and the commit that records it: the first AUTHORIZED -> {@code status} update
     * of the order raises. A sequence, unlike a table row, keeps its increment when the transaction rolls back.
     */
    private void failTheFirstRecordingOf(String status, UUID orderId) {
        String name = "crash_once_" + orderId.toString().replace('-', '_');
        jdbc.execute("CREATE SEQUENCE " + name);
        jdbc.execute("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "BEGIN\n"
                + "    IF nextval('" + name + "') = 1 THEN\n"
                + "        RAISE EXCEPTION 'simulated crash between the gateway call and the commit';\n"
                + "    END IF;\n"
                + "    RETURN NEW;\n"
                + "END $$");
        jdbc.execute("CREATE TRIGGER " + name + " BEFORE UPDATE ON payment FOR EACH ROW WHEN (OLD.status = 'AUTHORIZED'"
                + " AND NEW.status = '" + status + "' AND NEW.order_id = '" + orderId + "') EXECUTE FUNCTION " + name + "()");
    }

    private String statusOf(UUID orderId) {
        return jdbc.queryForObject("SELECT status FROM payment WHERE order_id = ?", String.class, orderId);
    }
}

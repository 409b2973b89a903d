package dev.conveyor.payment.payment;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
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
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static dev.conveyor.payment.payment.PaymentMother.AMOUNT;
import static dev.conveyor.payment.payment.PaymentMother.APPROVED_CARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** CapturePayment and VoidPayment on real PostgreSQL and Kafka: every state, and duplicates of both commands. */
@SpringBootTest(properties = {
        "conveyor.messaging.consumer.initial-backoff=50ms",
        "conveyor.messaging.consumer.max-backoff=200ms" })
@RealInfrastructure
class CaptureAndVoidIT {

    @Autowired
    @Qualifier("conveyorTestNamespace")
    String namespace;

    @Autowired
    JdbcTemplate jdbc;

    MessageBus bus;

    @BeforeEach
    void connect() {
        bus = MessageBus.connect(namespace);
    }

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void capturesAnAuthorisedPayment() {
        PaymentAuthorized authorized = authorizedPayment();

        bus.send(new CapturePayment(authorized.orderId()));

        assertThat(bus.await(PaymentCaptured.class, event -> event.orderId().equals(authorized.orderId())))
            .isEqualTo(new PaymentCaptured(authorized.orderId(), authorized.paymentId(), AMOUNT));
        assertThat(statusOf(authorized.orderId())).isEqualTo("CAPTURED");
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
    }

    @Test
    void voidsAnAuthorisedPayment() {
        PaymentAuthorized authorized = authorizedPayment();

        bus.send(new VoidPayment(authorized.orderId()));

        assertThat(bus.await(PaymentVoided.class, event -> event.orderId().equals(authorized.orderId())))
            .isEqualTo(new PaymentVoided(authorized.orderId(), authorized.paymentId()));
        assertThat(statusOf(authorized.orderId())).isEqualTo("VOIDED");
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

    private String statusOf(UUID orderId) {
        return jdbc.queryForObject("SELECT status FROM payment WHERE order_id = ?", String.class, orderId);
    }
}

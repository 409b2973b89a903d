package dev.conveyor.payment.payment;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.events.payment.AuthorizePayment;
import dev.conveyor.events.payment.CapturePayment;
import dev.conveyor.events.payment.PaymentAuthorized;
import dev.conveyor.events.payment.PaymentCaptured;
import dev.conveyor.events.payment.PaymentDeclined;
import dev.conveyor.events.Topics;
import dev.conveyor.payment.gateway.SimulatedPaymentGateway;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static dev.conveyor.payment.payment.PaymentMother.AMOUNT;
import static dev.conveyor.payment.payment.PaymentMother.APPROVED_CARD;
import static dev.conveyor.payment.payment.PaymentMother.authorizePayment;
import static org.assertj.core.api.Assertions.assertThat;

/** AuthorizePayment on real PostgreSQL and Kafka: every test card, transient gateway failures, duplicates. */
@SpringBootTest(properties = {
        "conveyor.messaging.consumer.max-retries=4",
        "conveyor.messaging.consumer.initial-backoff=50ms",
        "conveyor.messaging.consumer.max-backoff=200ms",
        "conveyor.payment.simulated-gateway.transient-failures=2" })
@RealInfrastructure
class PaymentAuthorizationIT {

    @Autowired
    SimulatedPaymentGateway gateway;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageBus bus;

    @Test
    void authorisesAnOrdinaryCardAndKeepsOnlyTheMaskedToken() {
        AuthorizePayment command = authorizePayment(APPROVED_CARD);

        bus.send(command);

        PaymentAuthorized authorized = bus.await(PaymentAuthorized.class, event -> event.orderId().equals(command.orderId()));
        assertThat(authorized.amount()).isEqualTo(AMOUNT);
        assertThat(authorized.authorizationCode()).startsWith("SIM-");
        assertThat(jdbc.queryForMap("SELECT id, status, masked_card_token, authorization_code FROM payment WHERE order_id = ?",
                command.orderId()))
            .containsEntry("id", authorized.paymentId())
            .containsEntry("status", "AUTHORIZED")
            .containsEntry("masked_card_token", "tok_****4242")
            .containsEntry("authorization_code", authorized.authorizationCode());
        assertThat(gateway.newAuthorizationsFor(authorized.paymentId())).isEqualTo(1);
    }

    @Test
    void declinesTheDeclinedTestCard() {
        assertDeclined(authorizePayment("tok_declined"), PaymentDeclined.CARD_DECLINED);
    }

    @Test
    void declinesTheInsufficientFundsTestCard() {
        assertDeclined(authorizePayment("tok_insufficient_funds"), PaymentDeclined.INSUFFICIENT_FUNDS);
    }

    @Test
    void declinesAnAmountAboveTheLimit() {
        assertDeclined(authorizePayment(APPROVED_CARD, "10000.01"), PaymentDeclined.AMOUNT_LIMIT);
    }

    @Test
    void declinesAZeroAmountWithoutCallingTheGateway() {
        AuthorizePayment command = authorizePayment(APPROVED_CARD, "0.00");

        assertDeclined(command, Payment.INVALID_AMOUNT);

        assertThat(gateway.callsFor(paymentIdOf(command.orderId()))).isZero();
    }

    @Test
    void retriesTransientGatewayFailuresWithTheSameKeyThenAuthorises() {
        AuthorizePayment command = authorizePayment(SimulatedPaymentGateway.GATEWAY_ERROR_TOKEN);

        bus.send(command);

        PaymentAuthorized authorized = bus.await(PaymentAuthorized.class, event -> event.orderId().equals(command.orderId()));
        assertThat(gateway.callsFor(authorized.paymentId())).as("two transient failures, then the approval").isEqualTo(3);
        assertThat(gateway.newAuthorizationsFor(authorized.paymentId())).isEqualTo(1);
        assertThat(bus.receivedOn(Topics.PAYMENTS_COMMANDS + ".dlt")).noneMatch(record -> command.orderId().toString().equals(record.key()));
    }

    @Test
    void skipsARedeliveredAuthorizePayment() {
        AuthorizePayment command = authorizePayment(APPROVED_CARD);
        UUID messageId = bus.send(command);
        PaymentAuthorized authorized = bus.await(PaymentAuthorized.class, event -> event.orderId().equals(command.orderId()));

        bus.send(command, messageId);
        awaitEverythingBeforeForTheOrderIsHandled(command.orderId());

        assertThat(bus.received(PaymentAuthorized.class)).filteredOn(event -> event.orderId().equals(command.orderId())).hasSize(1);
        assertThat(gateway.callsFor(authorized.paymentId())).isEqualTo(1);
    }

    @Test
    void answersARepeatedAuthorizePaymentWithTheFirstApprovalWithoutCallingTheGatewayAgain() {
        AuthorizePayment command = authorizePayment(APPROVED_CARD);
        bus.send(command);
        PaymentAuthorized first = bus.await(PaymentAuthorized.class, event -> event.orderId().equals(command.orderId()));

        bus.send(command);

        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(bus.received(PaymentAuthorized.class))
            .filteredOn(event -> event.orderId().equals(command.orderId()))
            .containsExactly(first, first));
        assertThat(gateway.callsFor(first.paymentId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment WHERE order_id = ?", Integer.class, command.orderId()))
            .isEqualTo(1);
    }

    @Test
    void answersARepeatedAuthorizePaymentWithTheFirstDecline() {
        AuthorizePayment command = authorizePayment("tok_declined");
        UUID messageId = bus.send(command);
        PaymentDeclined first = bus.await(PaymentDeclined.class, event -> event.orderId().equals(command.orderId()));

        bus.send(command, messageId);
        bus.send(new AuthorizePayment(command.orderId(), command.amount(), APPROVED_CARD));

        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(bus.received(PaymentDeclined.class))
            .filteredOn(event -> event.orderId().equals(command.orderId()))
            .containsExactly(first, first));
        assertThat(bus.received(PaymentAuthorized.class)).noneMatch(event -> event.orderId().equals(command.orderId()));
        assertThat(gateway.callsFor(paymentIdOf(command.orderId()))).isEqualTo(1);
    }

    private void assertDeclined(AuthorizePayment command, String reason) {
        bus.send(command);

        PaymentDeclined declined = bus.await(PaymentDeclined.class, event -> event.orderId().equals(command.orderId()));

        assertThat(declined.reason()).isEqualTo(reason);
        assertThat(jdbc.queryForMap("SELECT status, decline_reason FROM payment WHERE order_id = ?", command.orderId()))
            .containsEntry("status", "DECLINED")
            .containsEntry("decline_reason", reason);
        assertThat(bus.received(PaymentAuthorized.class)).noneMatch(event -> event.orderId().equals(command.orderId()));
    }

    /** Commands of one order share a partition: once a later one is answered, every earlier one was handled. */
    private void awaitEverythingBeforeForTheOrderIsHandled(UUID orderId) {
        bus.send(new CapturePayment(orderId));
        bus.await(PaymentCaptured.class, event -> event.orderId().equals(orderId));
    }

    private UUID paymentIdOf(UUID orderId) {
        return jdbc.queryForObject("SELECT id FROM payment WHERE order_id = ?", UUID.class, orderId);
    }
}

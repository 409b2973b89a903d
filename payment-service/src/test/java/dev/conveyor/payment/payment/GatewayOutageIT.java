package dev.conveyor.payment.payment;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.events.Topics;
import dev.conveyor.events.payment.AuthorizePayment;
import dev.conveyor.events.payment.PaymentAuthorized;
import dev.conveyor.events.payment.PaymentDeclined;
import dev.conveyor.events.payment.PaymentVoided;
import dev.conveyor.events.payment.VoidPayment;
import dev.conveyor.messaging.DeadLetters;
import dev.conveyor.payment.gateway.GatewayUnavailableException;
import dev.conveyor.payment.gateway.SimulatedPaymentGateway;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static dev.conveyor.payment.payment.PaymentMother.authorizePayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway outage longer than the retries: the AuthorizePayment goes to the dead-letter topic with the reason, the
 * payment stays AUTHORIZING, and a replay continues with the same idempotency key. Three attempts per delivery
 * (max-retries 2) against five transient failures: the first delivery dead-letters, the replay's third attempt is
 * approved.
 */
@SpringBootTest(properties = {
        "conveyor.messaging.consumer.max-retries=2",
        "conveyor.messaging.consumer.initial-backoff=50ms",
        "conveyor.messaging.consumer.max-backoff=100ms",
        "conveyor.payment.simulated-gateway.transient-failures=5" })
@RealInfrastructure
class GatewayOutageIT {

    private static final String DEAD_LETTER_TOPIC = Topics.PAYMENTS_COMMANDS + ".dlt";

    @Autowired
    SimulatedPaymentGateway gateway;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageBus bus;

    @Test
    void deadLettersTheCommandWithTheReasonAndLeavesThePaymentAuthorising() {
        AuthorizePayment command = authorizePayment(SimulatedPaymentGateway.GATEWAY_ERROR_TOKEN);

        UUID messageId = bus.send(command);

        MessageBus.Received deadLetter = awaitDeadLetter(messageId);
        assertThat(deadLetter.key()).isEqualTo(command.orderId().toString());
        assertThat(deadLetter.headers().get("kafka_dlt-exception-message"))
            .contains("Simulated gateway unavailable")
            .doesNotContain(SimulatedPaymentGateway.GATEWAY_ERROR_TOKEN);
        assertThat(deadLetter.headers().get("kafka_dlt-exception-cause-fqcn"))
            .isEqualTo(GatewayUnavailableException.class.getName());
        UUID paymentId = paymentIdOf(command.orderId());
        assertThat(statusOf(command.orderId())).isEqualTo("AUTHORIZING");
        assertThat(gateway.callsFor(paymentId)).isEqualTo(3);
        assertThat(gateway.newAuthorizationsFor(paymentId)).isZero();
        assertThat(bus.received(PaymentAuthorized.class)).noneMatch(event -> event.orderId().equals(command.orderId()));
        assertThat(bus.received(PaymentDeclined.class)).noneMatch(event -> event.orderId().equals(command.orderId()));
    }

    @Test
    void replayedDeadLetterContinuesWithTheSameIdempotencyKey() {
        AuthorizePayment command = authorizePayment(SimulatedPaymentGateway.GATEWAY_ERROR_TOKEN);
        MessageBus.Received deadLetter = awaitDeadLetter(bus.send(command));
        UUID paymentId = paymentIdOf(command.orderId());

        deadLetters.replay(DEAD_LETTER_TOPIC, deadLetter.partition(), deadLetter.offset());

        PaymentAuthorized authorized = bus.await(PaymentAuthorized.class, event -> event.orderId().equals(command.orderId()));
        assertThat(authorized.paymentId()).isEqualTo(paymentId);
        assertThat(gateway.callsFor(paymentId)).as("five failures, then the approval").isEqualTo(6);
        assertThat(gateway.newAuthorizationsFor(paymentId)).isEqualTo(1);
        assertThat(statusOf(command.orderId())).isEqualTo("AUTHORIZED");
    }

    @Test
    void voidWhileTheAuthorisationIsDeadLetteredMakesItsReplayDeclineWithoutCallingTheGateway() {
        AuthorizePayment command = authorizePayment(SimulatedPaymentGateway.GATEWAY_ERROR_TOKEN);
        MessageBus.Received deadLetter = awaitDeadLetter(bus.send(command));
        UUID paymentId = paymentIdOf(command.orderId());
        bus.send(new VoidPayment(command.orderId()));
        PaymentVoided voided = bus.await(PaymentVoided.class, event -> event.orderId().equals(command.orderId()));

        deadLetters.replay(DEAD_LETTER_TOPIC, deadLetter.partition(), deadLetter.offset());

        PaymentDeclined declined = bus.await(PaymentDeclined.class, event -> event.orderId().equals(command.orderId()));
        assertThat(voided.paymentId()).as("nothing had been authorised").isNull();
        assertThat(declined.reason()).isEqualTo(Payment.VOIDED_BEFORE_AUTHORIZATION);
        assertThat(gateway.callsFor(paymentId)).isEqualTo(3);
        assertThat(statusOf(command.orderId())).isEqualTo("VOIDED");
    }

    private MessageBus.Received awaitDeadLetter(UUID messageId) {
        return await().until(() -> bus.receivedOn(DEAD_LETTER_TOPIC).stream()
            .filter(record -> messageId.toString().equals(record.id()))
            .findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    private UUID paymentIdOf(UUID orderId) {
        return jdbc.queryForObject("SELECT id FROM payment WHERE order_id = ?", UUID.class, orderId);
    }

    private String statusOf(UUID orderId) {
        return jdbc.queryForObject("SELECT status FROM payment WHERE order_id = ?", String.class, orderId);
    }
}

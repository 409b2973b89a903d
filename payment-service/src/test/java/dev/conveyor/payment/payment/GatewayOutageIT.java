package dev.conveyor.payment.payment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.events.Topics;
import dev.conveyor.events.payment.AuthorizePayment;
import dev.conveyor.events.payment.PaymentAuthorized;
import dev.conveyor.events.payment.PaymentDeclined;
import dev.conveyor.events.payment.PaymentVoided;
import dev.conveyor.events.payment.VoidPayment;
import dev.conveyor.messaging.DeadLetters;
import dev.conveyor.payment.gateway.SimulatedPaymentGateway;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static dev.conveyor.payment.payment.PaymentMother.APPROVED_CARD;
import static dev.conveyor.payment.payment.PaymentMother.authorizePayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The payment gateway fails:
 * <ul>
 * <li>an outage ({@code GatewayUnavailableException}, transient) far longer than the bounded retries of a failure of
 * unknown reason (about three seconds with the default settings, less here): every command waits, in order, and
 * completes once the gateway is back; nothing is dead-lettered. The outage lasts 15 s, or what
 * {@code -Dconveyor.test.gateway-outage} says (e.g. {@code 120s});</li>
 * <li>an error the adapter cannot explain ({@code tok_gateway_fault}, five times per key): three attempts per delivery
 * (max-retries 2), so the AuthorizePayment is dead-lettered with the reason, the payment stays AUTHORIZING, and the
 * replay's third attempt is approved, with the same idempotency key.</li>
 * </ul>
 */
@SpringBootTest(properties = {
        "conveyor.messaging.consumer.max-retries=2",
        "conveyor.messaging.consumer.initial-backoff=50ms",
        "conveyor.messaging.consumer.max-backoff=100ms",
        "conveyor.messaging.consumer.transient-max-backoff=2s",
        "conveyor.payment.simulated-gateway.transient-failures=5" })
@RealInfrastructure
class GatewayOutageIT {

    private static final String DEAD_LETTER_TOPIC = Topics.PAYMENTS_COMMANDS + ".dlt";

    private static final Duration OUTAGE = DurationStyle.detectAndParse(System.getProperty("conveyor.test.gateway-outage", "15s"));

    /** The first attempt and max-retries 2, against five faults. */
    private static final int ATTEMPTS_PER_DELIVERY = 3;

    @Autowired
    SimulatedPaymentGateway gateway;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageBus bus;

    @Test
    void completesEveryCommandInOrderOnceAnOutageLongerThanTheRetriesIsOverAndDeadLettersNothing() {
        gateway.unavailableFor(OUTAGE);
        List<AuthorizePayment> approved = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            approved.add(authorizePayment(APPROVED_CARD));
        }
        AuthorizePayment declined = authorizePayment("tok_declined");
        AuthorizePayment voided = authorizePayment(APPROVED_CARD);

        approved.forEach(bus::send);
        bus.send(declined);
        bus.send(voided);
        bus.send(new VoidPayment(voided.orderId()));

        Duration patience = OUTAGE.plusSeconds(60);
        int calls = 0;
        for (AuthorizePayment command : approved) {
            PaymentAuthorized authorized = bus.await(PaymentAuthorized.class, event -> event.orderId().equals(command.orderId()),
                    patience);
            assertThat(gateway.newAuthorizationsFor(authorized.paymentId())).as("one hold, whatever the retries").isEqualTo(1);
            assertThat(statusOf(command.orderId())).isEqualTo("AUTHORIZED");
            calls += gateway.callsFor(authorized.paymentId());
        }
        assertThat(calls).as("the commands at the head of their partitions were retried during the outage")
            .isGreaterThan(approved.size());
        bus.await(PaymentDeclined.class, event -> event.orderId().equals(declined.orderId()), patience);
        PaymentVoided release = bus.await(PaymentVoided.class, event -> event.orderId().equals(voided.orderId()), patience);
        assertThat(release.paymentId()).as("the void waited behind the authorisation and released its hold").isNotNull();
        assertThat(gateway.newVoidsFor(release.paymentId())).isEqualTo(1);
        assertThat(statusOf(declined.orderId())).isEqualTo("DECLINED");
        assertThat(statusOf(voided.orderId())).isEqualTo("VOIDED");
        List<String> keys = new ArrayList<>(approved.stream().map(command -> command.orderId().toString()).toList());
        keys.add(declined.orderId().toString());
        keys.add(voided.orderId().toString());
        assertThat(bus.receivedOn(DEAD_LETTER_TOPIC)).noneMatch(record -> keys.contains(record.key()));
    }

    @Test
    void deadLettersTheCommandWithTheReasonAfterItsRetriesAndLeavesThePaymentAuthorising() {
        AuthorizePayment command = authorizePayment(SimulatedPaymentGateway.GATEWAY_FAULT_TOKEN);

        UUID messageId = bus.send(command);

        MessageBus.Received deadLetter = awaitDeadLetter(messageId);
        assertThat(deadLetter.key()).isEqualTo(command.orderId().toString());
        assertThat(deadLetter.headers().get("kafka_dlt-exception-message"))
            .contains("Simulated gateway answered an error")
            .doesNotContain(SimulatedPaymentGateway.GATEWAY_FAULT_TOKEN);
        assertThat(deadLetter.headers().get("kafka_dlt-exception-cause-fqcn")).isEqualTo(IllegalStateException.class.getName());
        UUID paymentId = paymentIdOf(command.orderId());
        assertThat(statusOf(command.orderId())).isEqualTo("AUTHORIZING");
        assertThat(gateway.callsFor(paymentId)).isEqualTo(ATTEMPTS_PER_DELIVERY);
        assertThat(gateway.newAuthorizationsFor(paymentId)).isZero();
        assertThat(bus.received(PaymentAuthorized.class)).noneMatch(event -> event.orderId().equals(command.orderId()));
        assertThat(bus.received(PaymentDeclined.class)).noneMatch(event -> event.orderId().equals(command.orderId()));
    }

    @Test
    void replayedDeadLetterContinuesWithTheSameIdempotencyKey() {
        AuthorizePayment command = authorizePayment(SimulatedPaymentGateway.GATEWAY_FAULT_TOKEN);
        MessageBus.Received deadLetter = awaitDeadLetter(bus.send(command));
        UUID paymentId = paymentIdOf(command.orderId());

        deadLetters.replay(DEAD_LETTER_TOPIC, deadLetter.partition(), deadLetter.offset());

        PaymentAuthorized authorized = bus.await(PaymentAuthorized.class, event -> event.orderId().equals(command.orderId()));
        assertThat(authorized.paymentId()).isEqualTo(paymentId);
        assertThat(gateway.callsFor(paymentId)).as("five faults, then the approval").isEqualTo(6);
        assertThat(gateway.newAuthorizationsFor(paymentId)).isEqualTo(1);
        assertThat(statusOf(command.orderId())).isEqualTo("AUTHORIZED");
    }

    @Test
    void voidWhileTheAuthorisationIsDeadLetteredMakesItsReplayDeclineWithoutCallingTheGateway() {
        AuthorizePayment command = authorizePayment(SimulatedPaymentGateway.GATEWAY_FAULT_TOKEN);
        MessageBus.Received deadLetter = awaitDeadLetter(bus.send(command));
        UUID paymentId = paymentIdOf(command.orderId());
        bus.send(new VoidPayment(command.orderId()));
        PaymentVoided voided = bus.await(PaymentVoided.class, event -> event.orderId().equals(command.orderId()));

        deadLetters.replay(DEAD_LETTER_TOPIC, deadLetter.partition(), deadLetter.offset());

        PaymentDeclined declined = bus.await(PaymentDeclined.class, event -> event.orderId().equals(command.orderId()));
        assertThat(voided.paymentId()).as("nothing had been authorised").isNull();
        assertThat(declined.reason()).isEqualTo(Payment.VOIDED_BEFORE_AUTHORIZATION);
        assertThat(gateway.callsFor(paymentId)).isEqualTo(ATTEMPTS_PER_DELIVERY);
        assertThat(statusOf(command.orderId())).isEqualTo("VOIDED");
    }

    private MessageBus.Received awaitDeadLetter(UUID messageId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> bus.receivedOn(DEAD_LETTER_TOPIC).stream()
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

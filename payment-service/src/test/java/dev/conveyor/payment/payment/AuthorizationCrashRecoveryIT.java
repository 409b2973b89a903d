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
import dev.conveyor.payment.gateway.SimulatedPaymentGateway;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static dev.conveyor.payment.payment.PaymentMother.APPROVED_CARD;
import static dev.conveyor.payment.payment.PaymentMother.authorizePayment;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash between the gateway's approval and the commit that records it: the recording transaction fails once (a
 * trigger planted by the test raises on the first AUTHORIZING -> AUTHORIZED update of the order), the platform
 * retries, and the retry asks the gateway again with the same idempotency key. The card is held once, and exactly
 * one PaymentAuthorized is published.
 */
@SpringBootTest(properties = {
        "conveyor.messaging.consumer.initial-backoff=50ms",
        "conveyor.messaging.consumer.max-backoff=200ms" })
@RealInfrastructure
class AuthorizationCrashRecoveryIT {

    @Autowired
    SimulatedPaymentGateway gateway;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageBus bus;

    @Test
    void authorisesOnceWhenTheCommitAfterTheGatewayCallFails() {
        AuthorizePayment command = authorizePayment(APPROVED_CARD);
        failTheFirstRecordingOfAnApproval(command.orderId());

        bus.send(command);

        PaymentAuthorized authorized = bus.await(PaymentAuthorized.class, event -> event.orderId().equals(command.orderId()));
        assertThat(jdbc.queryForObject("SELECT last_value FROM crash_once", Long.class))
            .as("the recording failed once, then succeeded").isEqualTo(2);
        assertThat(gateway.callsFor(authorized.paymentId())).as("the retry asked the gateway again").isEqualTo(2);
        assertThat(gateway.newAuthorizationsFor(authorized.paymentId())).as("but the card was held once").isEqualTo(1);
        assertThat(bus.countPublished(jdbc.getDataSource(), command.orderId().toString(), PaymentAuthorized.class))
            .as("one PaymentAuthorized written").isEqualTo(1);
        bus.send(new CapturePayment(command.orderId()));
        bus.await(PaymentCaptured.class, event -> event.orderId().equals(command.orderId()));
        assertThat(bus.received(PaymentAuthorized.class)).filteredOn(event -> event.orderId().equals(command.orderId()))
            .containsExactly(authorized);
    }

    /** A sequence, unlike a table row, keeps its increment when the transaction that raised rolls back. */
    private void failTheFirstRecordingOfAnApproval(UUID orderId) {
        jdbc.execute("CREATE SEQUENCE crash_once");
        jdbc.execute("""
                CREATE FUNCTION crash_once() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF nextval('crash_once') = 1 THEN
                        RAISE EXCEPTION 'simulated crash between the gateway call and the commit';
                    END IF;
                    RETURN NEW;
                END $$""");
        jdbc.execute("CREATE TRIGGER crash_once BEFORE UPDATE ON payment FOR EACH ROW WHEN (OLD.status = 'AUTHORIZING'"
                + " AND NEW.status = 'AUTHORIZED' AND NEW.order_id = '" + orderId + "') EXECUTE FUNCTION crash_once()");
    }
}

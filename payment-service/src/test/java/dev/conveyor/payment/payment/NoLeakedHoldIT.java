package dev.conveyor.payment.payment;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.events.Message;
import dev.conveyor.events.Money;
import dev.conveyor.events.payment.AuthorizePayment;
import dev.conveyor.events.payment.CapturePayment;
import dev.conveyor.events.payment.PaymentAuthorized;
import dev.conveyor.events.payment.PaymentCaptureRejected;
import dev.conveyor.events.payment.PaymentCaptured;
import dev.conveyor.events.payment.PaymentDeclined;
import dev.conveyor.events.payment.PaymentVoided;
import dev.conveyor.events.payment.VoidPayment;
import dev.conveyor.payment.gateway.GatewayResult;
import dev.conveyor.payment.gateway.PaymentGateway;
import dev.conveyor.payment.gateway.SimulatedPaymentGateway;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static dev.conveyor.payment.payment.PaymentMother.APPROVED_CARD;
import static dev.conveyor.payment.payment.PaymentMother.authorizePayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * No hold is left at the gateway when a void meets an authorisation that is still in flight: its answer not back
 * yet (another instance still waiting for the gateway), or lost in a crash between the gateway call and the commit.
 * The authorisation in flight is {@link Payments#authorize} called by the test, as the handler that was (or is still)
 * running it; everything else goes through Kafka. The gateway is the simulator, behind a wrapper that can hold one
 * authorisation before or after the simulator decides it.
 */
@SpringBootTest(properties = {
        "conveyor.messaging.consumer.initial-backoff=50ms",
        "conveyor.messaging.consumer.max-backoff=200ms" })
@RealInfrastructure
@Import(NoLeakedHoldIT.PausableGateway.class)
class NoLeakedHoldIT {

    @Autowired
    Payments payments;

    @Autowired
    SimulatedPaymentGateway simulator;

    @Autowired
    PausableGateway gateway;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageBus bus;

    @Test
    void voidsAtTheGatewayAnApprovalThatArrivesAfterTheVoid() throws Exception {
        AuthorizePayment command = authorizePayment(APPROVED_CARD);
        UUID orderId = command.orderId();
        Pause pause = gateway.pauseNextAuthorization(Pause.Point.AFTER_THE_DECISION);
        CompletableFuture<Void> inFlight = CompletableFuture.runAsync(() -> payments.authorize(command));
        pause.awaitReached();
        UUID paymentId = paymentIdOf(orderId);
        assertThat(simulator.holdsAmountFor(paymentId)).as("approved at the gateway, not recorded yet").isTrue();

        bus.send(new VoidPayment(orderId));
        PaymentVoided voided = bus.await(PaymentVoided.class, event -> event.orderId().equals(orderId));
        pause.resume();
        inFlight.get(30, TimeUnit.SECONDS);

        PaymentDeclined answer = bus.await(PaymentDeclined.class, event -> event.orderId().equals(orderId));
        assertThat(voided).isEqualTo(new PaymentVoided(orderId, null));
        assertThat(answer.reason()).isEqualTo(Payment.VOIDED_BEFORE_AUTHORIZATION);
        assertThat(simulator.holdsAmountFor(paymentId)).as("the gateway holds nothing for the payment").isFalse();
        assertThat(simulator.newVoidsFor(paymentId)).as("one void took effect").isEqualTo(1);
        assertThat(simulator.callsFor(Payment.voidKeyOf(paymentId)))
            .as("the void, then the late approval's void, under the same key").isEqualTo(2);
        assertThat(simulator.newCapturesFor(paymentId)).isZero();
        assertThat(statusOf(orderId)).isEqualTo("VOIDED");
        assertThat(eventsOf(PaymentVoided.class, orderId)).containsExactly(voided);
        assertThat(eventsOf(PaymentAuthorized.class, orderId)).isEmpty();
    }

    @Test
    void voidsAtTheGatewayAnApprovalThatArrivesAfterAVoidRecordedWithoutTheGateway() throws Exception {
        AuthorizePayment command = authorizePayment(APPROVED_CARD);
        UUID orderId = command.orderId();
        Pause pause = gateway.pauseNextAuthorization(Pause.Point.AFTER_THE_DECISION);
        CompletableFuture<Void> inFlight = CompletableFuture.runAsync(() -> payments.authorize(command));
        pause.awaitReached();
        UUID paymentId = paymentIdOf(orderId);
        // As the service voided an authorising payment before it voided at the gateway: in the database only.
        jdbc.update("UPDATE payment SET status = 'VOIDED', version = version + 1 WHERE order_id = ?", orderId);

        pause.resume();
        inFlight.get(30, TimeUnit.SECONDS);

        assertThat(simulator.holdsAmountFor(paymentId)).as("the late approval was voided at the gateway").isFalse();
        assertThat(simulator.newVoidsFor(paymentId)).isEqualTo(1);
        assertThat(statusOf(orderId)).isEqualTo("VOIDED");
        assertThat(bus.await(PaymentDeclined.class, event -> event.orderId().equals(orderId)).reason())
            .isEqualTo(Payment.VOIDED_BEFORE_AUTHORIZATION);
    }

    @Test
    void declinesAtTheGatewayAnAuthorisationThatReachesItAfterTheVoid() throws Exception {
        AuthorizePayment command = authorizePayment(APPROVED_CARD);
        UUID orderId = command.orderId();
        Pause pause = gateway.pauseNextAuthorization(Pause.Point.BEFORE_THE_GATEWAY);
        CompletableFuture<Void> inFlight = CompletableFuture.runAsync(() -> payments.authorize(command));
        pause.awaitReached();
        UUID paymentId = paymentIdOf(orderId);

        bus.send(new VoidPayment(orderId));
        PaymentVoided voided = bus.await(PaymentVoided.class, event -> event.orderId().equals(orderId));
        pause.resume();
        inFlight.get(30, TimeUnit.SECONDS);

        PaymentDeclined answer = bus.await(PaymentDeclined.class, event -> event.orderId().equals(orderId));
        assertThat(voided).isEqualTo(new PaymentVoided(orderId, null));
        assertThat(answer.reason()).isEqualTo(Payment.VOIDED_BEFORE_AUTHORIZATION);
        assertThat(simulator.newAuthorizationsFor(paymentId)).as("the voided key placed no hold").isZero();
        assertThat(simulator.holdsAmountFor(paymentId)).isFalse();
        assertThat(statusOf(orderId)).isEqualTo("VOIDED");
        assertThat(eventsOf(PaymentAuthorized.class, orderId)).isEmpty();
    }

    @Test
    void releasesTheHoldOfAnAuthorisationLeftUnrecordedByACrashAndChargesNothingWhenItIsReplayed() {
        AuthorizePayment command = authorizePayment(APPROVED_CARD);
        UUID orderId = command.orderId();
        UUID paymentId = authorisedButUnrecorded(command);

        bus.send(new VoidPayment(orderId));
        PaymentVoided voided = bus.await(PaymentVoided.class, event -> event.orderId().equals(orderId));
        bus.send(command);
        PaymentDeclined declined = bus.await(PaymentDeclined.class, event -> event.orderId().equals(orderId));
        bus.send(new CapturePayment(orderId));
        PaymentCaptureRejected rejected = bus.await(PaymentCaptureRejected.class, event -> event.orderId().equals(orderId));

        assertThat(voided).isEqualTo(new PaymentVoided(orderId, null));
        assertThat(declined.reason()).isEqualTo(Payment.VOIDED_BEFORE_AUTHORIZATION);
        assertThat(rejected.reason()).isEqualTo(PaymentCaptureRejected.PAYMENT_VOIDED);
        assertThat(simulator.holdsAmountFor(paymentId)).as("no hold remains").isFalse();
        assertThat(simulator.newVoidsFor(paymentId)).isEqualTo(1);
        assertThat(simulator.newCapturesFor(paymentId)).as("the card is never charged").isZero();
        assertThat(simulator.callsFor(Payment.captureKeyOf(paymentId))).isZero();
        assertThat(simulator.callsFor(paymentId)).as("the replayed authorisation did not reach the gateway").isEqualTo(1);
        assertThat(simulator.newAuthorizationsFor(paymentId)).isEqualTo(1);
        assertThat(statusOf(orderId)).isEqualTo("VOIDED");
        assertThat(eventsOf(PaymentAuthorized.class, orderId)).isEmpty();
        assertThat(eventsOf(PaymentCaptured.class, orderId)).isEmpty();
    }

    @Test
    void voidsOnceAtTheGatewayWhenTheCommitAfterVoidingAnAuthorisationInFlightFails() {
        AuthorizePayment command = authorizePayment(APPROVED_CARD);
        UUID orderId = command.orderId();
        UUID paymentId = authorisedButUnrecorded(command);
        failUpdates("AUTHORIZING", "VOIDED", orderId, true);

        bus.send(new VoidPayment(orderId));

        PaymentVoided voided = bus.await(PaymentVoided.class, event -> event.orderId().equals(orderId));
        assertThat(simulator.callsFor(Payment.voidKeyOf(paymentId)))
            .as("the retry voided again with the same key").isEqualTo(2);
        assertThat(simulator.newVoidsFor(paymentId)).as("but released once").isEqualTo(1);
        assertThat(simulator.holdsAmountFor(paymentId)).isFalse();
        assertThat(statusOf(orderId)).isEqualTo("VOIDED");
        awaitEverythingBeforeIsHandled(command);
        assertThat(eventsOf(PaymentVoided.class, orderId)).containsExactly(voided);
    }

    @Test
    void repeatedVoidsAndAuthorisationsChangeNothingOnceAnAuthorisationInFlightIsVoided() {
        AuthorizePayment command = authorizePayment(APPROVED_CARD);
        UUID orderId = command.orderId();
        UUID paymentId = authorisedButUnrecorded(command);
        bus.send(new VoidPayment(orderId));
        PaymentVoided voided = bus.await(PaymentVoided.class, event -> event.orderId().equals(orderId));
        Map<String, Object> recorded = rowOf(orderId);

        bus.send(new VoidPayment(orderId));
        bus.send(command);
        bus.send(new VoidPayment(orderId));

        await().untilAsserted(() -> {
            assertThat(eventsOf(PaymentVoided.class, orderId)).containsExactly(voided, voided, voided);
            assertThat(eventsOf(PaymentDeclined.class, orderId)).hasSize(1);
        });
        assertThat(rowOf(orderId)).as("status, version and update time unchanged").isEqualTo(recorded);
        assertThat(simulator.callsFor(Payment.voidKeyOf(paymentId))).as("only the first void reached the gateway")
            .isEqualTo(1);
        assertThat(simulator.callsFor(paymentId)).isEqualTo(1);
        assertThat(simulator.newVoidsFor(paymentId)).isEqualTo(1);
        assertThat(simulator.holdsAmountFor(paymentId)).isFalse();
        assertThat(eventsOf(PaymentAuthorized.class, orderId)).isEmpty();
    }

    /**
     * The gateway approves the authorisation and the process crashes before recording it: the recording transaction
     * raises (a trigger planted for the order), the payment stays AUTHORIZING while the gateway holds the amount.
     */
    private UUID authorisedButUnrecorded(AuthorizePayment command) {
        failUpdates("AUTHORIZING", "AUTHORIZED", command.orderId(), false);
        assertThatException().as("the crash between the gateway call and the commit")
            .isThrownBy(() -> payments.authorize(command));
        UUID paymentId = paymentIdOf(command.orderId());
        assertThat(statusOf(command.orderId())).isEqualTo("AUTHORIZING");
        assertThat(simulator.holdsAmountFor(paymentId)).as("the gateway holds an amount nobody recorded").isTrue();
        return paymentId;
    }

    /**
     * Makes the {@code from -> to} updates of the order's payment raise: only the first one, or every one. A sequence,
     * unlike a table row, keeps its increment when the transaction rolls back.
     */
    private void failUpdates(String from, String to, UUID orderId, boolean onlyTheFirst) {
        String name = "crash_" + to.toLowerCase() + "_" + orderId.toString().replace('-', '_');
        jdbc.execute("CREATE SEQUENCE " + name);
        String condition = onlyTheFirst ? "nextval('" + name + "') = 1" : "true";
        jdbc.execute("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "BEGIN\n"
                + "    IF " + condition + " THEN\n"
                + "        RAISE EXCEPTION 'simulated crash between the gateway call and the commit';\n"
                + "    END IF;\n"
                + "    RETURN NEW;\n"
                + "END $$");
        jdbc.execute("CREATE TRIGGER " + name + " BEFORE UPDATE ON payment FOR EACH ROW WHEN (OLD.status = '" + from
                + "' AND NEW.status = '" + to + "' AND NEW.order_id = '" + orderId + "') EXECUTE FUNCTION " + name + "()");
    }

    /**
     * Commands of one order share a partition: once a later one is answered, every earlier one was handled. The
     * marker is the order's AuthorizePayment again, which a voided payment declines without changing anything.
     */
    private void awaitEverythingBeforeIsHandled(AuthorizePayment command) {
        int before = eventsOf(PaymentDeclined.class, command.orderId()).size();
        bus.send(command);
        await().until(() -> eventsOf(PaymentDeclined.class, command.orderId()).size() > before);
    }

    private <T extends Message> List<T> eventsOf(Class<T> type, UUID orderId) {
        return bus.received(type).stream().filter(event -> orderId.toString().equals(event.partitionKey())).toList();
    }

    private UUID paymentIdOf(UUID orderId) {
        return jdbc.queryForObject("SELECT id FROM payment WHERE order_id = ?", UUID.class, orderId);
    }

    private String statusOf(UUID orderId) {
        return jdbc.queryForObject("SELECT status FROM payment WHERE order_id = ?", String.class, orderId);
    }

    private Map<String, Object> rowOf(UUID orderId) {
        return jdbc.queryForMap("SELECT status, version, updated_at, authorization_code FROM payment WHERE order_id = ?",
                orderId);
    }

    /** Where an authorisation in flight is held until the test lets it go on. */
    static final class Pause {

        enum Point { BEFORE_THE_GATEWAY, AFTER_THE_DECISION }

        private final Point point;

        private final CountDownLatch reached = new CountDownLatch(1);

        private final CountDownLatch resumed = new CountDownLatch(1);

        Pause(Point point) {
            this.point = point;
        }

        void awaitReached() throws InterruptedException {
            assertThat(reached.await(30, TimeUnit.SECONDS)).as("the authorisation reached the pause").isTrue();
        }

        void resume() {
            resumed.countDown();
        }

        private void holdAt(Point here) {
            if (here != point) {
                return;
            }
            reached.countDown();
            try {
                if (!resumed.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("The paused authorisation was never resumed");
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while paused", ex);
            }
        }
    }

    /** The simulator, able to hold the next authorisation before it reaches it or after it decided. */
    @Primary
    static class PausableGateway implements PaymentGateway {

        private final SimulatedPaymentGateway simulator;

        private final AtomicReference<Pause> next = new AtomicReference<>();

        PausableGateway(SimulatedPaymentGateway simulator) {
            this.simulator = simulator;
        }

        Pause pauseNextAuthorization(Pause.Point point) {
            Pause pause = new Pause(point);
            next.set(pause);
            return pause;
        }

        @Override
        public GatewayResult authorize(UUID idempotencyKey, Money amount, String cardToken) {
            Pause pause = next.getAndSet(null);
            if (pause != null) {
                pause.holdAt(Pause.Point.BEFORE_THE_GATEWAY);
            }
            GatewayResult result = simulator.authorize(idempotencyKey, amount, cardToken);
            if (pause != null) {
                pause.holdAt(Pause.Point.AFTER_THE_DECISION);
            }
            return result;
        }

        @Override
        public void capture(UUID idempotencyKey, UUID authorizationKey, Money amount) {
            simulator.capture(idempotencyKey, authorizationKey, amount);
        }

        @Override
        public void voidAuthorization(UUID idempotencyKey, UUID authorizationKey) {
            simulator.voidAuthorization(idempotencyKey, authorizationKey);
        }
    }
}

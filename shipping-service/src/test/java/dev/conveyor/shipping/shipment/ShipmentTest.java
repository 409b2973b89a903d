package dev.conveyor.shipping.shipment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.conveyor.events.Message;
import dev.conveyor.events.shipping.ShipmentCancellationRejected;
import dev.conveyor.events.shipping.ShipmentCancelled;
import dev.conveyor.events.shipping.ShipmentDelivered;
import dev.conveyor.events.shipping.ShipmentDispatched;
import dev.conveyor.events.shipping.ShipmentScheduled;

import static dev.conveyor.shipping.shipment.ShipmentMother.DELIVERED_AT;
import static dev.conveyor.shipping.shipment.ShipmentMother.DISPATCHED_AT;
import static dev.conveyor.shipping.shipment.ShipmentMother.cancelledShipment;
import static dev.conveyor.shipping.shipment.ShipmentMother.deliveredShipment;
import static dev.conveyor.shipping.shipment.ShipmentMother.dispatchedShipment;
import static dev.conveyor.shipping.shipment.ShipmentMother.scheduledShipment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShipmentTest {

    private static final Instant LATER = Instant.parse("2026-03-10T08:00:00Z");

    @Nested
    class Scheduling {

        @Test
        void startsScheduledWithTheCommandsAddressAndLines() {
            Shipment shipment = scheduledShipment();

            assertThat(shipment.status()).isEqualTo(ShipmentStatus.SCHEDULED);
            assertThat(shipment.address().city()).isEqualTo("London");
            assertThat(shipment.lines()).extracting(ShipmentLine::sku, ShipmentLine::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SKU-BOOK-1", 2),
                        org.assertj.core.groups.Tuple.tuple("SKU-PEN-7", 1));
            assertThat(shipment.answerToSchedule()).containsExactly(new ShipmentScheduled(shipment.orderId(), shipment.id()));
        }

        @Test
        void refusesAShipmentWithoutLines() {
            assertThatThrownBy(() -> Shipment.schedule(UUID.randomUUID(),
                    Address.of(ShipmentMother.address()), List.of(), LATER))
                .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void answersARepeatedScheduleWithTheSameShipment() {
            Shipment shipment = dispatchedShipment();

            assertThat(shipment.answerToSchedule()).containsExactly(new ShipmentScheduled(shipment.orderId(), shipment.id()));
        }

        @Test
        void answersARepeatedScheduleOfACancelledShipmentWithItsCancellation() {
            Shipment shipment = cancelledShipment();

            assertThat(shipment.answerToSchedule()).containsExactly(new ShipmentCancelled(shipment.orderId(), shipment.id()));
        }
    }

    @Nested
    class Dispatching {

        @Test
        void dispatchesAScheduledShipmentWithTheGivenTrackingNumber() {
            Shipment shipment = scheduledShipment();

            List<Message> outcome = shipment.dispatch("DHL", "JD0002", DISPATCHED_AT);

            assertThat(outcome).containsExactly(
                    new ShipmentDispatched(shipment.orderId(), shipment.id(), "DHL", "JD0002", DISPATCHED_AT));
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.DISPATCHED);
            assertThat(shipment.dispatchedAt()).isEqualTo(DISPATCHED_AT);
        }

        @Test
        void generatesATrackingNumberFromTheCarrierWhenNoneIsGiven() {
            Shipment shipment = scheduledShipment();

            List<Message> outcome = shipment.dispatch("La Poste", null, DISPATCHED_AT);

            assertThat(shipment.trackingNumber()).matches("LAPOSTE-[A-Z0-9]{8}");
            assertThat(outcome).containsExactly(new ShipmentDispatched(shipment.orderId(), shipment.id(), "La Poste",
                    shipment.trackingNumber(), DISPATCHED_AT));
        }

        @Test
        void repeatedDispatchWithTheSameCarrierChangesNothingAndReturnsNothing() {
            Shipment shipment = dispatchedShipment();

            List<Message> withoutTracking = shipment.dispatch("dhl", null, LATER);
            List<Message> withSameTracking = shipment.dispatch("DHL", "DHL-TRACK-1", LATER);

            assertThat(withoutTracking).isEmpty();
            assertThat(withSameTracking).isEmpty();
            assertThat(shipment.dispatchedAt()).isEqualTo(DISPATCHED_AT);
            assertThat(shipment.trackingNumber()).isEqualTo("DHL-TRACK-1");
        }

        @Test
        void refusesToDispatchAgainWithAnotherCarrier() {
            Shipment shipment = dispatchedShipment();

            assertThatThrownBy(() -> shipment.dispatch("UPS", null, LATER))
                .isInstanceOf(IllegalShipmentTransitionException.class)
                .hasMessageContaining("already dispatched");
            assertThat(shipment.carrier()).isEqualTo("DHL");
        }

        @Test
        void refusesToDispatchAgainWithAnotherTrackingNumber() {
            Shipment shipment = dispatchedShipment();

            assertThatThrownBy(() -> shipment.dispatch("DHL", "OTHER-1", LATER))
                .isInstanceOf(IllegalShipmentTransitionException.class);
            assertThat(shipment.trackingNumber()).isEqualTo("DHL-TRACK-1");
        }

        @Test
        void refusesToDispatchACancelledShipment() {
            Shipment shipment = cancelledShipment();

            assertThatThrownBy(() -> shipment.dispatch("DHL", null, LATER))
                .isInstanceOf(IllegalShipmentTransitionException.class)
                .hasMessageContaining("cancelled");
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.CANCELLED);
            assertThat(shipment.carrier()).isNull();
        }

        @Test
        void refusesABlankCarrier() {
            Shipment shipment = scheduledShipment();

            assertThatThrownBy(() -> shipment.dispatch("  ", null, LATER)).isInstanceOf(IllegalArgumentException.class);
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.SCHEDULED);
        }
    }

    @Nested
    class Delivering {

        @Test
        void deliversADispatchedShipment() {
            Shipment shipment = dispatchedShipment();

            List<Message> outcome = shipment.deliver(DELIVERED_AT);

            assertThat(outcome).containsExactly(new ShipmentDelivered(shipment.orderId(), shipment.id(), DELIVERED_AT));
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.DELIVERED);
        }

        @Test
        void repeatedDeliveryChangesNothingAndReturnsNothing() {
            Shipment shipment = deliveredShipment();

            List<Message> outcome = shipment.deliver(LATER);

            assertThat(outcome).isEmpty();
            assertThat(shipment.deliveredAt()).isEqualTo(DELIVERED_AT);
        }

        @Test
        void refusesToDeliverBeforeDispatch() {
            Shipment shipment = scheduledShipment();

            assertThatThrownBy(() -> shipment.deliver(LATER))
                .isInstanceOf(IllegalShipmentTransitionException.class)
                .hasMessageContaining("not been dispatched");
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.SCHEDULED);
        }

        @Test
        void refusesToDeliverACancelledShipment() {
            Shipment shipment = cancelledShipment();

            assertThatThrownBy(() -> shipment.deliver(LATER)).isInstanceOf(IllegalShipmentTransitionException.class);
            assertThat(shipment.deliveredAt()).isNull();
        }

        @Test
        void stillAnswersARepeatedDispatchOfADeliveredShipment() {
            Shipment shipment = deliveredShipment();

            assertThat(shipment.dispatch("DHL", null, LATER)).isEmpty();
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.DELIVERED);
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancelsAScheduledShipment() {
            Shipment shipment = scheduledShipment();

            List<Message> outcome = shipment.cancel(LATER);

            assertThat(outcome).containsExactly(new ShipmentCancelled(shipment.orderId(), shipment.id()));
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.CANCELLED);
            assertThat(shipment.cancelledAt()).isEqualTo(LATER);
        }

        @Test
        void repeatedCancellationAnswersTheSameEventAgain() {
            Shipment shipment = cancelledShipment();
            Instant cancelledAt = shipment.cancelledAt();

            List<Message> outcome = shipment.cancel(LATER);

            assertThat(outcome).containsExactly(new ShipmentCancelled(shipment.orderId(), shipment.id()));
            assertThat(shipment.cancelledAt()).isEqualTo(cancelledAt);
        }

        @Test
        void rejectsCancellationOfADispatchedShipment() {
            Shipment shipment = dispatchedShipment();

            List<Message> outcome = shipment.cancel(LATER);

            assertThat(outcome).containsExactly(new ShipmentCancellationRejected(shipment.orderId(),
                    shipment.id(), ShipmentCancellationRejected.ALREADY_DISPATCHED));
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.DISPATCHED);
        }

        @Test
        void rejectsCancellationOfADeliveredShipment() {
            Shipment shipment = deliveredShipment();

            List<Message> outcome = shipment.cancel(LATER);

            assertThat(outcome).containsExactly(new ShipmentCancellationRejected(shipment.orderId(), shipment.id(),
                    ShipmentCancellationRejected.ALREADY_DELIVERED));
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.DELIVERED);
        }
    }

    @Nested
    class CancelledBeforeScheduling {

        @Test
        void answersEveryCancellationAndScheduleWithACancellationWithoutShipment() {
            UUID orderId = UUID.randomUUID();
            Shipment shipment = Shipment.cancelledBeforeScheduling(orderId, LATER);

            assertThat(shipment.status()).isEqualTo(ShipmentStatus.CANCELLED);
            assertThat(shipment.wasScheduled()).isFalse();
            assertThat(shipment.cancel(LATER.plusSeconds(1))).containsExactly(new ShipmentCancelled(orderId, null));
            assertThat(shipment.answerToSchedule()).containsExactly(new ShipmentCancelled(orderId, null));
            assertThat(shipment.cancelledAt()).isEqualTo(LATER);
        }

        @Test
        void cannotBeDispatched() {
            Shipment shipment = Shipment.cancelledBeforeScheduling(UUID.randomUUID(), LATER);

            assertThatThrownBy(() -> shipment.dispatch("DHL", null, LATER))
                .isInstanceOf(IllegalShipmentTransitionException.class);
        }
    }
}

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
            assertThat(shipment.scheduled()).isEqualTo(new ShipmentScheduled(shipment.orderId(), shipment.id()));
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

            assertThat(shipment.answerToRepeatedSchedule()).isEqualTo(shipment.scheduled());
        }

        @Test
        void answersARepeatedScheduleOfACancelledShipmentWithItsCancellation() {
            Shipment shipment = cancelledShipment();

            assertThat(shipment.answerToRepeatedSchedule())
                .isEqualTo(new ShipmentCancelled(shipment.orderId(), shipment.id()));
        }
    }

    @Nested
    class Dispatching {

        @Test
        void dispatchesAScheduledShipmentWithTheGivenTrackingNumber() {
            Shipment shipment = scheduledShipment();

            Transition<ShipmentDispatched> outcome = shipment.dispatch("DHL", "JD0002", DISPATCHED_AT);

            assertThat(outcome.changedState()).isTrue();
            assertThat(outcome.event()).isEqualTo(
                    new ShipmentDispatched(shipment.orderId(), shipment.id(), "DHL", "JD0002", DISPATCHED_AT));
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.DISPATCHED);
            assertThat(shipment.dispatchedAt()).isEqualTo(DISPATCHED_AT);
        }

        @Test
        void generatesATrackingNumberFromTheCarrierWhenNoneIsGiven() {
            Shipment shipment = scheduledShipment();

            Transition<ShipmentDispatched> outcome = shipment.dispatch("La Poste", null, DISPATCHED_AT);

            assertThat(outcome.event().trackingNumber()).matches("LAPOSTE-[A-Z0-9]{8}");
            assertThat(shipment.trackingNumber()).isEqualTo(outcome.event().trackingNumber());
        }

        @Test
        void repeatedDispatchWithTheSameCarrierChangesNothingAndAnswersTheSameEvent() {
            Shipment shipment = dispatchedShipment();
            ShipmentDispatched first = new ShipmentDispatched(shipment.orderId(), shipment.id(), "DHL", "DHL-TRACK-1",
                    DISPATCHED_AT);

            Transition<ShipmentDispatched> withoutTracking = shipment.dispatch("dhl", null, LATER);
            Transition<ShipmentDispatched> withSameTracking = shipment.dispatch("DHL", "DHL-TRACK-1", LATER);

            assertThat(withoutTracking).isEqualTo(Transition.unchanged(first));
            assertThat(withSameTracking).isEqualTo(Transition.unchanged(first));
            assertThat(shipment.dispatchedAt()).isEqualTo(DISPATCHED_AT);
        }

        @Test
        void refusesToDispatchAgainWithAnotherCarrier() {
            Shipment shipment = dispatchedShipment();

            assertThatThrownBy(() -> shipment.dispatch("UPS", null, LATER))
                .isInstanceOf(IllegalShipmentTransition.class)
                .hasMessageContaining("already dispatched");
            assertThat(shipment.carrier()).isEqualTo("DHL");
        }

        @Test
        void refusesToDispatchAgainWithAnotherTrackingNumber() {
            Shipment shipment = dispatchedShipment();

            assertThatThrownBy(() -> shipment.dispatch("DHL", "OTHER-1", LATER))
                .isInstanceOf(IllegalShipmentTransition.class);
            assertThat(shipment.trackingNumber()).isEqualTo("DHL-TRACK-1");
        }

        @Test
        void refusesToDispatchACancelledShipment() {
            Shipment shipment = cancelledShipment();

            assertThatThrownBy(() -> shipment.dispatch("DHL", null, LATER))
                .isInstanceOf(IllegalShipmentTransition.class)
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

            Transition<ShipmentDelivered> outcome = shipment.deliver(DELIVERED_AT);

            assertThat(outcome).isEqualTo(
                    Transition.changed(new ShipmentDelivered(shipment.orderId(), shipment.id(), DELIVERED_AT)));
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.DELIVERED);
        }

        @Test
        void repeatedDeliveryChangesNothingAndAnswersTheSameEvent() {
            Shipment shipment = deliveredShipment();

            Transition<ShipmentDelivered> outcome = shipment.deliver(LATER);

            assertThat(outcome).isEqualTo(
                    Transition.unchanged(new ShipmentDelivered(shipment.orderId(), shipment.id(), DELIVERED_AT)));
            assertThat(shipment.deliveredAt()).isEqualTo(DELIVERED_AT);
        }

        @Test
        void refusesToDeliverBeforeDispatch() {
            Shipment shipment = scheduledShipment();

            assertThatThrownBy(() -> shipment.deliver(LATER))
                .isInstanceOf(IllegalShipmentTransition.class)
                .hasMessageContaining("not been dispatched");
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.SCHEDULED);
        }

        @Test
        void refusesToDeliverACancelledShipment() {
            Shipment shipment = cancelledShipment();

            assertThatThrownBy(() -> shipment.deliver(LATER)).isInstanceOf(IllegalShipmentTransition.class);
            assertThat(shipment.deliveredAt()).isNull();
        }

        @Test
        void stillAnswersARepeatedDispatchOfADeliveredShipment() {
            Shipment shipment = deliveredShipment();

            assertThat(shipment.dispatch("DHL", null, LATER).changedState()).isFalse();
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.DELIVERED);
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancelsAScheduledShipment() {
            Shipment shipment = scheduledShipment();

            Transition<Message> outcome = shipment.cancel(LATER);

            assertThat(outcome).isEqualTo(Transition.changed(new ShipmentCancelled(shipment.orderId(), shipment.id())));
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.CANCELLED);
            assertThat(shipment.cancelledAt()).isEqualTo(LATER);
        }

        @Test
        void repeatedCancellationAnswersTheSameEventAgain() {
            Shipment shipment = cancelledShipment();
            Instant cancelledAt = shipment.cancelledAt();

            Transition<Message> outcome = shipment.cancel(LATER);

            assertThat(outcome).isEqualTo(Transition.unchanged(new ShipmentCancelled(shipment.orderId(), shipment.id())));
            assertThat(shipment.cancelledAt()).isEqualTo(cancelledAt);
        }

        @Test
        void rejectsCancellationOfADispatchedShipment() {
            Shipment shipment = dispatchedShipment();

            Transition<Message> outcome = shipment.cancel(LATER);

            assertThat(outcome).isEqualTo(Transition.unchanged(new ShipmentCancellationRejected(shipment.orderId(),
                    shipment.id(), ShipmentCancellationRejected.ALREADY_DISPATCHED)));
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.DISPATCHED);
        }

        @Test
        void rejectsCancellationOfADeliveredShipment() {
            Shipment shipment = deliveredShipment();

            Transition<Message> outcome = shipment.cancel(LATER);

            assertThat(outcome.event()).isEqualTo(new ShipmentCancellationRejected(shipment.orderId(), shipment.id(),
                    ShipmentCancellationRejected.ALREADY_DELIVERED));
            assertThat(shipment.status()).isEqualTo(ShipmentStatus.DELIVERED);
        }
    }

    @Test
    void aTombstoneAnswersWithACancellationWithoutShipment() {
        UUID orderId = UUID.randomUUID();

        assertThat(new ShipmentTombstone(orderId, LATER).cancelled()).isEqualTo(new ShipmentCancelled(orderId, null));
    }
}

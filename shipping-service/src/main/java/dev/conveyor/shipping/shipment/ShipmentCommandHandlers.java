package dev.conveyor.shipping.shipment;

import org.springframework.stereotype.Component;

import dev.conveyor.events.shipping.CancelShipment;
import dev.conveyor.events.shipping.ScheduleShipment;
import dev.conveyor.messaging.MessageHandler;

/** The saga's commands on {@code shipping.commands}, each handed to one use case of {@link Shipments}. */
@Component
class ShipmentCommandHandlers {

    private final Shipments shipments;

    ShipmentCommandHandlers(Shipments shipments) {
        this.shipments = shipments;
    }

    @MessageHandler
    void on(ScheduleShipment command) {
        shipments.schedule(command);
    }

    @MessageHandler
    void on(CancelShipment command) {
        shipments.cancel(command.orderId());
    }
}

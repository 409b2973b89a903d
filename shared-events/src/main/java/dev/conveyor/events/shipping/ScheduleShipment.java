package dev.conveyor.events.shipping;

import dev.conveyor.events.Message;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;
import java.util.List;
import java.util.UUID;

/** Asks shipping to schedule delivery of these lines to the address; answered by ShipmentScheduled. */
public record ScheduleShipment(UUID orderId, Address address, List<ShipmentLine> lines) implements Message {

    public ScheduleShipment {
        Require.nonNull(orderId, "orderId");
        Require.nonNull(address, "address");
        lines = Require.nonEmptyListOf(lines, Bounds.ORDER_LINES, "lines");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}

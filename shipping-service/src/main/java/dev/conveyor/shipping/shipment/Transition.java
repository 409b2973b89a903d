package dev.conveyor.shipping.shipment;

import dev.conveyor.events.Message;

/**
 * The answer of a shipment transition: the event that states the outcome, and whether the call changed the shipment
 * now ({@code false} when the outcome had already been reached, or when it is a refusal that changes nothing).
 */
record Transition<E extends Message>(E event, boolean changedState) {

    static <E extends Message> Transition<E> changed(E event) {
        return new Transition<>(event, true);
    }

    static <E extends Message> Transition<E> unchanged(E event) {
        return new Transition<>(event, false);
    }
}

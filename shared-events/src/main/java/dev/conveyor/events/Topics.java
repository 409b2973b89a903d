package dev.conveyor.events;

import java.util.List;

/** The Kafka topic names; each topic is written by exactly one service. */
public final class Topics {

    /** Written by the order service: facts about orders. */
    public static final String ORDERS_EVENTS = "orders.events";
    /** Written by the order service: commands to inventory. */
    public static final String INVENTORY_COMMANDS = "inventory.commands";
    /** Written by the inventory service: reservation outcomes and catalogue events. */
    public static final String INVENTORY_EVENTS = "inventory.events";
    /** Written by the order service: commands to payment. */
    public static final String PAYMENTS_COMMANDS = "payments.commands";
    /** Written by the payment service. */
    public static final String PAYMENTS_EVENTS = "payments.events";
    /** Written by the order service: commands to shipping. */
    public static final String SHIPPING_COMMANDS = "shipping.commands";
    /** Written by the shipping service. */
    public static final String SHIPPING_EVENTS = "shipping.events";

    private static final List<String> ALL = List.of(ORDERS_EVENTS, INVENTORY_COMMANDS, INVENTORY_EVENTS,
            PAYMENTS_COMMANDS, PAYMENTS_EVENTS, SHIPPING_COMMANDS, SHIPPING_EVENTS);

    private Topics() {
    }

    public static List<String> all() {
        return ALL;
    }
}

package dev.conveyor.order.order;

import java.util.EnumSet;
import java.util.Set;

/** Where an order stands in its fulfilment; the legal moves between statuses are listed here. */
public enum OrderStatus {
    PLACED,
    STOCK_RESERVED,
    CONFIRMED,
    CANCELLING,
    SHIPPED,
    DELIVERED,
    CANCELLED;

    /** Whether the fulfilment of an order in this status is over: nothing will change it any more. */
    public boolean isTerminal() {
        return this == DELIVERED || this == CANCELLED;
    }

    /** The statuses this one may move to; the fulfilment saga decides which move a message causes. */
    Set<OrderStatus> successors() {
        return switch (this) {
            case PLACED -> EnumSet.of(STOCK_RESERVED, CANCELLED);
            case STOCK_RESERVED -> EnumSet.of(CONFIRMED, CANCELLED);
            case CONFIRMED -> EnumSet.of(CANCELLING, SHIPPED);
            case CANCELLING -> EnumSet.of(CANCELLED, SHIPPED);
            case SHIPPED -> EnumSet.of(DELIVERED);
            case DELIVERED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
        };
    }
}

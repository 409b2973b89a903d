package dev.conveyor.events.order;

import dev.conveyor.events.Money;
import dev.conveyor.events.Require;

/** One line of a placed order, priced from the order service's catalogue replica. */
public record OrderItem(String sku, String name, int quantity, Money unitPrice) {

    public OrderItem {
        Require.nonBlank(sku, "sku");
        Require.nonBlank(name, "name");
        Require.positive(quantity, "quantity");
        Require.nonNull(unitPrice, "unitPrice");
    }
}

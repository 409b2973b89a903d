package dev.conveyor.events.order;

import dev.conveyor.events.Money;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;

/** One line of a placed order, priced from the order service's catalogue replica. */
public record OrderItem(String sku, String name, int quantity, Money unitPrice) {

    public OrderItem {
        Require.nonBlank(sku, Bounds.SKU, "sku");
        Require.nonBlank(name, Bounds.PRODUCT_NAME, "name");
        Require.positive(quantity, "quantity");
        Require.nonNull(unitPrice, "unitPrice");
    }
}

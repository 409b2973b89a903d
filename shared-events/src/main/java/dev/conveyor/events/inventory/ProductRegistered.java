package dev.conveyor.events.inventory;

import dev.conveyor.events.Message;
import dev.conveyor.events.Money;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;
import java.time.Instant;

/** A product joined the catalogue with its initial price. */
public record ProductRegistered(String sku, String name, Money price, Instant registeredAt) implements Message {

    public ProductRegistered {
        Require.nonBlank(sku, Bounds.SKU, "sku");
        Require.nonBlank(name, Bounds.PRODUCT_NAME, "name");
        Require.nonNull(price, "price");
        Require.nonNull(registeredAt, "registeredAt");
    }

    @Override
    public String partitionKey() {
        return sku;
    }
}

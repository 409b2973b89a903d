package dev.conveyor.events.inventory;

import dev.conveyor.events.Message;
import dev.conveyor.events.Money;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;
import java.time.Instant;

/**
 * A product's price changed. {@code priceVersion} is 1 for the first change and increases by one with each
 * change, so a replica applies a change only when it is newer than what it holds.
 */
public record ProductPriceChanged(String sku, Money oldPrice, Money newPrice, long priceVersion, Instant changedAt)
        implements Message {

    public ProductPriceChanged {
        Require.nonBlank(sku, Bounds.SKU, "sku");
        Require.nonNull(oldPrice, "oldPrice");
        Require.nonNull(newPrice, "newPrice");
        Require.positive(priceVersion, "priceVersion");
        Require.nonNull(changedAt, "changedAt");
    }

    @Override
    public String partitionKey() {
        return sku;
    }
}

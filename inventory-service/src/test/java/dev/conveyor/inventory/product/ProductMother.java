package dev.conveyor.inventory.product;

import java.time.Instant;

import dev.conveyor.events.Money;

/** Products for tests, built through the domain like the service builds them. */
public final class ProductMother {

    public static final Instant REGISTERED_AT = Instant.parse("2026-01-15T09:00:00Z");

    public static final Money PRICE = new Money("12.50", "EUR");

    private ProductMother() {
    }

    /** A product with {@code onHand} in stock and nothing reserved. */
    public static Product inStock(String sku, int onHand) {
        return Product.register(sku, "Stoneware mug " + sku, PRICE, onHand, REGISTERED_AT);
    }

    /** A product with {@code onHand} in stock of which {@code reserved} is held by reservations. */
    public static Product withReserved(String sku, int onHand, int reserved) {
        Product product = inStock(sku, onHand);
        if (reserved > 0) {
            product.reserve(reserved);
        }
        return product;
    }
}

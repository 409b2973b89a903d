package dev.conveyor.inventory.product;

import dev.conveyor.events.Money;

/**
 * A product as the REST API shows it; the price amount is a decimal string, as in every Conveyor contract. The price
 * version (0 at registration, one more with each change) is also the product's {@code ETag}.
 */
record ProductView(String sku, String name, Money price, long priceVersion, int onHand, int reserved, int available) {

    static ProductView of(Product product) {
        return new ProductView(product.sku(), product.name(), product.price(), product.priceVersion(),
                product.onHand(), product.reserved(), product.available());
    }

    /** The strong entity tag of the product's price: its price version, quoted. */
    String etag() {
        return "\"" + priceVersion + "\"";
    }
}

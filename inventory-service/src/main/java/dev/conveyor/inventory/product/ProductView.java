package dev.conveyor.inventory.product;

import dev.conveyor.events.Money;

/** A product as the REST API shows it; the price amount is a decimal string, as in every Conveyor contract. */
record ProductView(String sku, String name, Money price, int onHand, int reserved, int available) {

    static ProductView of(Product product) {
        return new ProductView(product.sku(), product.name(), product.price(), product.onHand(), product.reserved(),
                product.available());
    }
}

package dev.conveyor.inventory.product;

/** No product has this sku: answered with 404. */
class ProductNotFoundException extends RuntimeException {

    private final String sku;

    ProductNotFoundException(String sku) {
        super("No product with sku " + sku);
        this.sku = sku;
    }

    String sku() {
        return sku;
    }
}

package dev.conveyor.inventory.product;

/** A product with this sku is already registered: answered with 409. */
class DuplicateSkuException extends RuntimeException {

    private final String sku;

    DuplicateSkuException(String sku) {
        super("A product with sku " + sku + " is already registered");
        this.sku = sku;
    }

    String sku() {
        return sku;
    }
}

package dev.conveyor.inventory.product;

/** A restock would take a product's stock on hand past {@link Product#MAX_STOCK}: answered with 409. */
class StockLimitExceededException extends RuntimeException {

    private final String sku;

    StockLimitExceededException(String sku, int onHand, int quantity) {
        super("Restocking " + quantity + " of " + sku + " would take its " + onHand + " on hand past the limit of "
                + Product.MAX_STOCK);
        this.sku = sku;
    }

    String sku() {
        return sku;
    }
}

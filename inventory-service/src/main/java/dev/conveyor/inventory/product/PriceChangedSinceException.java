package dev.conveyor.inventory.product;

/** The price changed since the version the client read ({@code If-Match}): answered with 412, nothing written. */
class PriceChangedSinceException extends RuntimeException {

    private final String sku;

    private final long currentVersion;

    PriceChangedSinceException(String sku, long currentVersion) {
        super("The price of " + sku + " changed since; it is at version " + currentVersion + ": read it again");
        this.sku = sku;
        this.currentVersion = currentVersion;
    }

    String sku() {
        return sku;
    }

    long currentVersion() {
        return currentVersion;
    }
}

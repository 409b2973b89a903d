package dev.conveyor.order.catalogue;

import java.math.BigDecimal;
import java.time.Instant;

import dev.conveyor.events.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The order service's copy of one product's name and price, fed by inventory's catalogue events. Applying an event
 * twice, or an older one after a newer one, changes nothing: prices carry a version (0 = the registered price,
 * then 1, 2, ... per change) and only a newer version replaces the held price. A price change that arrives before
 * the registration creates the entry with that price; the product becomes orderable once its registration (the
 * name) arrives.
 */
@Entity
@Table(name = "catalogue_products")
class CatalogueProduct {

    static final long REGISTERED_PRICE_VERSION = 0;

    @Id
    private String sku;

    @Column(name = "name")
    private String name;

    @Column(name = "price_amount", nullable = false)
    private BigDecimal priceAmount;

    @Column(name = "price_currency", nullable = false)
    private String priceCurrency;

    @Column(name = "price_version", nullable = false)
    private long priceVersion;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected CatalogueProduct() {
        // for JPA
    }

    private CatalogueProduct(String sku, String name, Money price, long priceVersion, Instant at) {
        this.sku = sku;
        this.name = name;
        setPrice(price, priceVersion);
        this.updatedAt = at;
    }

    static CatalogueProduct registered(String sku, String name, Money price, Instant at) {
        return new CatalogueProduct(sku, name, price, REGISTERED_PRICE_VERSION, at);
    }

    /** An entry made by a price change that overtook the product's registration: no name yet. */
    static CatalogueProduct priceChangedBeforeRegistration(String sku, Money newPrice, long priceVersion, Instant at) {
        return new CatalogueProduct(sku, null, newPrice, priceVersion, at);
    }

    /** Applies the registration: sets the name; the registered price only if no change is held yet. */
    boolean register(String name, Money price, Instant at) {
        boolean changed = false;
        if (!name.equals(this.name)) {
            this.name = name;
            changed = true;
        }
        if (priceVersion == REGISTERED_PRICE_VERSION && !price.equals(price())) {
            setPrice(price, REGISTERED_PRICE_VERSION);
            changed = true;
        }
        if (changed) {
            updatedAt = at;
        }
        return changed;
    }

    /** Applies a price change if it is newer than the held price; answers whether it did. */
    boolean changePrice(Money newPrice, long newPriceVersion, Instant at) {
        if (newPriceVersion <= priceVersion) {
            return false;
        }
        setPrice(newPrice, newPriceVersion);
        updatedAt = at;
        return true;
    }

    private void setPrice(Money price, long version) {
        this.priceAmount = price.toBigDecimal();
        this.priceCurrency = price.currency();
        this.priceVersion = version;
    }

    String sku() {
        return sku;
    }

    String name() {
        return name;
    }

    Money price() {
        return Money.of(priceAmount, priceCurrency);
    }

    long priceVersion() {
        return priceVersion;
    }
}

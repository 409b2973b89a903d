package dev.conveyor.inventory.product;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.conveyor.events.Message;
import dev.conveyor.events.Money;
import dev.conveyor.events.inventory.ProductPriceChanged;
import dev.conveyor.events.inventory.ProductRegistered;
import dev.conveyor.events.inventory.StockAdjusted;

/**
 * A product of the catalogue: its price and its stock levels, where {@code available = onHand - reserved} is never
 * negative. Each change returns the messages it causes (none when it changes nothing); a change the levels do not allow
 * throws {@link IllegalProductTransitionException}.
 */
@Entity
@Table(name = "product")
public class Product {

    /** The largest stock a product may hold; far above any real shelf, far below integer overflow. */
    public static final int MAX_STOCK = 1_000_000_000;

    @Id
    private String sku;

    private String name;

    @Column(name = "price_amount")
    private BigDecimal priceAmount;

    @Column(name = "price_currency")
    private String priceCurrency;

    private long priceVersion;

    private int onHand;

    private int reserved;

    private Instant registeredAt;

    @Version
    private Long version;

    protected Product() {
        // for JPA
    }

    private Product(String sku, String name, Money price, int onHand, Instant registeredAt) {
        this.sku = sku;
        this.name = name;
        this.priceAmount = price.toBigDecimal();
        this.priceCurrency = price.currency();
        this.onHand = onHand;
        this.registeredAt = registeredAt;
    }

    /**
     * A new product with its initial stock; {@link #registrationEvents()} states the registration.
     * @throws IllegalArgumentException when a value is invalid (blank sku or name, price not positive or with more
     *                                  than two decimals, unknown currency, negative stock)
     */
    public static Product register(String sku, String name, Money price, int initialStock, Instant now) {
        requireText(sku, "sku");
        requireText(name, "name");
        requireQuantity(initialStock, 0, "initialStock");
        return new Product(sku, name, normalised(price), initialStock, Objects.requireNonNull(now, "now"));
    }

    /** ProductRegistered and the initial StockAdjusted. */
    public List<Message> registrationEvents() {
        return List.of(new ProductRegistered(sku, name, price(), registeredAt), stockLevels());
    }

    /** Adds received goods to the stock on hand: StockAdjusted. */
    public List<Message> restock(int quantity) {
        requireQuantity(quantity, 1, "quantity");
        if (quantity > MAX_STOCK - onHand) {
            throw new IllegalArgumentException("restocking " + quantity + " of " + sku + " would exceed " + MAX_STOCK);
        }
        onHand += quantity;
        return List.of(stockLevels());
    }

    /**
     * Sets a new price: ProductPriceChanged with the next price version; a price equal to the current one changes
     * nothing and returns nothing.
     */
    public List<Message> changePrice(Money newPrice, Instant now) {
        Money normalised = normalised(newPrice);
        Money oldPrice = price();
        if (normalised.equals(oldPrice)) {
            return List.of();
        }
        priceAmount = normalised.toBigDecimal();
        priceCurrency = normalised.currency();
        priceVersion++;
        return List.of(new ProductPriceChanged(sku, oldPrice, normalised, priceVersion, now));
    }

    /** Whether {@code quantity} can be reserved now. */
    public boolean canReserve(int quantity) {
        return quantity <= available();
    }

    /**
     * Holds {@code quantity} for a reservation: StockAdjusted.
     * @throws IllegalProductTransitionException when less than {@code quantity} is available: check
     *                                           {@link #canReserve} first
     */
    public List<Message> reserve(int quantity) {
        requireQuantity(quantity, 1, "quantity");
        if (!canReserve(quantity)) {
            throw new IllegalProductTransitionException("cannot reserve " + quantity + " of " + sku + ": " + available()
                    + " available");
        }
        reserved += quantity;
        return List.of(stockLevels());
    }

    /** Gives back {@code quantity} held by a reservation: StockAdjusted. */
    public List<Message> release(int quantity) {
        requireQuantity(quantity, 1, "quantity");
        if (quantity > reserved) {
            throw new IllegalProductTransitionException("cannot release " + quantity + " of " + sku + ": " + reserved
                    + " reserved");
        }
        reserved -= quantity;
        return List.of(stockLevels());
    }

    /** Removes {@code quantity} held by a reservation from stock, on hand and reserved together: StockAdjusted. */
    public List<Message> commit(int quantity) {
        requireQuantity(quantity, 1, "quantity");
        if (quantity > reserved) {
            throw new IllegalProductTransitionException("cannot commit " + quantity + " of " + sku + ": " + reserved
                    + " reserved");
        }
        reserved -= quantity;
        onHand -= quantity;
        return List.of(stockLevels());
    }

    /** The current levels, as published after every stock change. */
    public StockAdjusted stockLevels() {
        return new StockAdjusted(sku, onHand, reserved, available());
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public Money price() {
        return Money.of(priceAmount, priceCurrency);
    }

    public long priceVersion() {
        return priceVersion;
    }

    public int onHand() {
        return onHand;
    }

    public int reserved() {
        return reserved;
    }

    public int available() {
        return onHand - reserved;
    }

    /** Two decimals, positive, a known ISO 4217 currency: the form stored and published. */
    private static Money normalised(Money price) {
        Objects.requireNonNull(price, "price is required");
        BigDecimal amount = price.toBigDecimal();
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive, was " + price);
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("price must have at most two decimals, was " + price);
        }
        try {
            Currency.getInstance(price.currency());
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code, was " + price.currency(), ex);
        }
        return Money.of(amount.setScale(2), price.currency());
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    private static void requireQuantity(int value, int min, String field) {
        if (value < min || value > MAX_STOCK) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + MAX_STOCK + ", was " + value);
        }
    }

    @Override
    public String toString() {
        return "Product[" + sku + ", onHand=" + onHand + ", reserved=" + reserved + "]";
    }
}

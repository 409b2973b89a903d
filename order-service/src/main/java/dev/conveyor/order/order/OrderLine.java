package dev.conveyor.order.order;

import java.math.BigDecimal;

import dev.conveyor.events.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One product of an order with the quantity and the unit price it was priced at when placed. */
@Embeddable
class OrderLine {

    @Column(name = "sku", nullable = false)
    private String sku;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "quantity", nullable = false)
    private int quantity;

    @Column(name = "unit_price", nullable = false)
    private BigDecimal unitPrice;

    @Column(name = "currency", nullable = false)
    private String currency;

    protected OrderLine() {
        // for JPA
    }

    public OrderLine(String sku, String name, int quantity, Money unitPrice) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, was " + quantity);
        }
        this.sku = sku;
        this.name = name;
        this.quantity = quantity;
        this.unitPrice = unitPrice.toBigDecimal();
        this.currency = unitPrice.currency();
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public int quantity() {
        return quantity;
    }

    public Money unitPrice() {
        return Money.of(unitPrice, currency);
    }

    public Money lineTotal() {
        return unitPrice().times(quantity);
    }
}

package dev.conveyor.shipping.shipment;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A quantity of one product in a shipment. */
@Embeddable
class ShipmentLine {

    @Column(name = "sku", nullable = false)
    private String sku;

    @Column(name = "quantity", nullable = false)
    private int quantity;

    protected ShipmentLine() {
        // for JPA
    }

    private ShipmentLine(String sku, int quantity) {
        this.sku = sku;
        this.quantity = quantity;
    }

    /** The contract's line, already validated by its record. */
    static ShipmentLine of(dev.conveyor.events.shipping.ShipmentLine line) {
        return new ShipmentLine(line.sku(), line.quantity());
    }

    String sku() {
        return sku;
    }

    int quantity() {
        return quantity;
    }
}

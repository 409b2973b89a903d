package dev.conveyor.order.order;

import dev.conveyor.events.shipping.Address;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Where the order goes; stored with the order and handed to shipping when the order is confirmed. */
@Embeddable
class ShippingAddress {

    @Column(name = "ship_name", nullable = false)
    private String name;

    @Column(name = "ship_line1", nullable = false)
    private String line1;

    @Column(name = "ship_line2")
    private String line2;

    @Column(name = "ship_city", nullable = false)
    private String city;

    @Column(name = "ship_postal_code", nullable = false)
    private String postalCode;

    @Column(name = "ship_country", nullable = false)
    private String country;

    protected ShippingAddress() {
        // for JPA
    }

    public ShippingAddress(String name, String line1, String line2, String city, String postalCode, String country) {
        this.name = name;
        this.line1 = line1;
        this.line2 = line2;
        this.city = city;
        this.postalCode = postalCode;
        this.country = country;
    }

    public Address toContract() {
        return new Address(name, line1, line2, city, postalCode, country);
    }
}

package dev.conveyor.shipping.shipment;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The recipient's address as the ScheduleShipment command gave it; {@code line2} is optional. */
@Embeddable
class Address {

    @Column(name = "recipient_name", nullable = false)
    private String name;

    @Column(name = "address_line1", nullable = false)
    private String line1;

    @Column(name = "address_line2")
    private String line2;

    @Column(name = "city", nullable = false)
    private String city;

    @Column(name = "postal_code", nullable = false)
    private String postalCode;

    @Column(name = "country", nullable = false, length = 2)
    private String country;

    protected Address() {
        // for JPA
    }

    private Address(String name, String line1, String line2, String city, String postalCode, String country) {
        this.name = name;
        this.line1 = line1;
        this.line2 = line2;
        this.city = city;
        this.postalCode = postalCode;
        this.country = country;
    }

    /** The contract's address, already validated by its record. */
    static Address of(dev.conveyor.events.shipping.Address address) {
        return new Address(address.name(), address.line1(), address.line2(), address.city(), address.postalCode(),
                address.country());
    }

    String name() {
        return name;
    }

    String line1() {
        return line1;
    }

    String line2() {
        return line2;
    }

    String city() {
        return city;
    }

    String postalCode() {
        return postalCode;
    }

    String country() {
        return country;
    }
}

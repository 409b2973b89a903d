package dev.conveyor.order.order;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.conveyor.events.Bounds;
import dev.conveyor.web.IsoCountry;

/** The bodies the storefront sends. */
final class OrderRequests {

    private OrderRequests() {
    }

    /** POST /api/orders. A sku may appear only once in {@code items} (a repeated sku is a 400, not merged). */
    record PlaceOrder(
            @NotBlank @Size(max = Bounds.CUSTOMER_ID) String customerId,
            @NotNull @Size(min = 1, max = Bounds.ORDER_LINES) List<@NotNull @Valid Item> items,
            @NotNull @Valid ShippingAddressRequest shippingAddress,
            @NotNull @Valid Payment payment) {
    }

    record Item(@NotBlank @Size(max = Bounds.SKU) String sku, @NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    record ShippingAddressRequest(
            @NotBlank @Size(max = Bounds.ADDRESS_LINE) String name,
            @NotBlank @Size(max = Bounds.ADDRESS_LINE) String line1,
            @Size(max = Bounds.ADDRESS_LINE) String line2,
            @NotBlank @Size(max = Bounds.CITY) String city,
            @NotBlank @Size(max = Bounds.POSTAL_CODE) String postalCode,
            @NotNull @Size(min = 2, max = 2) @IsoCountry String country) {

        ShippingAddress toAddress() {
            return new ShippingAddress(name, line1, line2, city, postalCode, country);
        }
    }

    /** The card token is handed to payment and never logged: {@link #toString()} masks it. */
    record Payment(@NotBlank @Size(max = Bounds.CARD_TOKEN) String cardToken) {

        @Override
        public String toString() {
            return "Payment[cardToken=****]";
        }
    }
}

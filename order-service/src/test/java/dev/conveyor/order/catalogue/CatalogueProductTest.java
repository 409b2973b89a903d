package dev.conveyor.order.catalogue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.conveyor.events.Money;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueProductTest {

    private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

    private static Money eur(String amount) {
        return new Money(amount, "EUR");
    }

    @Test
    void appliesANewerPriceChange() {
        CatalogueProduct product = CatalogueProduct.registered("SKU-1", "Mug", eur("10.00"), AT);

        assertThat(product.changePrice(eur("12.00"), 1, AT)).isTrue();

        assertThat(product.price()).isEqualTo(eur("12.00"));
        assertThat(product.priceVersion()).isEqualTo(1);
    }

    @Test
    void neverLetsAStaleChangeOverwriteANewerOne() {
        CatalogueProduct product = CatalogueProduct.registered("SKU-1", "Mug", eur("10.00"), AT);
        product.changePrice(eur("14.00"), 2, AT);

        assertThat(product.changePrice(eur("12.00"), 1, AT)).isFalse();

        assertThat(product.price()).isEqualTo(eur("14.00"));
    }

    @Test
    void ignoresARepeatedChange() {
        CatalogueProduct product = CatalogueProduct.registered("SKU-1", "Mug", eur("10.00"), AT);
        product.changePrice(eur("12.00"), 1, AT);

        assertThat(product.changePrice(eur("12.00"), 1, AT)).isFalse();
    }

    @Test
    void keepsAPriceChangeThatOvertookTheRegistration() {
        CatalogueProduct product = CatalogueProduct.priceChangedBeforeRegistration("SKU-1", eur("12.00"), 1, AT);
        assertThat(product.name()).as("not orderable before its registration").isNull();

        product.register("Mug", eur("10.00"), AT);

        assertThat(product.name()).isEqualTo("Mug");
        assertThat(product.price()).as("the newer change wins over the registered price").isEqualTo(eur("12.00"));
    }

    @Test
    void aRepeatedRegistrationChangesNothing() {
        CatalogueProduct product = CatalogueProduct.registered("SKU-1", "Mug", eur("10.00"), AT);

        assertThat(product.register("Mug", eur("10.00"), AT)).isFalse();
    }
}

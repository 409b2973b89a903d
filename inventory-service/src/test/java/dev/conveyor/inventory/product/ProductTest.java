package dev.conveyor.inventory.product;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.conveyor.events.Money;
import dev.conveyor.events.inventory.ProductPriceChanged;
import dev.conveyor.events.inventory.ProductRegistered;
import dev.conveyor.events.inventory.StockAdjusted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProductTest {

    private static final Instant LATER = ProductMother.REGISTERED_AT.plusSeconds(3600);

    @Test
    void statesItsRegistrationWithPriceAndInitialStock() {
        Product product = Product.register("SKU-1", "Mug", new Money("12.5", "EUR"), 7, ProductMother.REGISTERED_AT);

        assertThat(product.registrationEvents()).containsExactly(
                new ProductRegistered("SKU-1", "Mug", new Money("12.50", "EUR"), ProductMother.REGISTERED_AT),
                new StockAdjusted("SKU-1", 7, 0, 7));
        assertThat(product.priceVersion()).isZero();
    }

    @Test
    void refusesInvalidRegistrations() {
        Instant now = ProductMother.REGISTERED_AT;
        Money price = ProductMother.PRICE;
        assertThatIllegalArgumentException().isThrownBy(() -> Product.register(" ", "Mug", price, 1, now));
        assertThatIllegalArgumentException().isThrownBy(() -> Product.register("SKU-1", "", price, 1, now));
        assertThatIllegalArgumentException().isThrownBy(() -> Product.register("SKU-1", "Mug", price, -1, now));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> Product.register("SKU-1", "Mug", new Money("0.00", "EUR"), 1, now));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> Product.register("SKU-1", "Mug", new Money("1.999", "EUR"), 1, now));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> Product.register("SKU-1", "Mug", new Money("1.99", "XYZ"), 1, now));
    }

    @Test
    void restockAddsToOnHandAndStatesTheNewLevels() {
        Product product = ProductMother.withReserved("SKU-1", 5, 2);

        assertThat(product.restock(10)).containsExactly(new StockAdjusted("SKU-1", 15, 2, 13));
    }

    @Test
    void refusesRestocksThatAreNotPositiveOrOverflowTheStock() {
        Product product = ProductMother.inStock("SKU-1", 5);

        assertThatIllegalArgumentException().isThrownBy(() -> product.restock(0));
        assertThatIllegalArgumentException().isThrownBy(() -> product.restock(-3));
        assertThatIllegalArgumentException().isThrownBy(() -> product.restock(Product.MAX_STOCK));
        assertThat(product.onHand()).isEqualTo(5);
    }

    @Test
    void reservesOnlyWhatIsAvailable() {
        Product product = ProductMother.withReserved("SKU-1", 5, 3);

        assertThat(product.canReserve(2)).isTrue();
        assertThat(product.canReserve(3)).isFalse();
        assertThatExceptionOfType(IllegalProductTransitionException.class).isThrownBy(() -> product.reserve(3));
        assertThat(product.stockLevels()).isEqualTo(new StockAdjusted("SKU-1", 5, 3, 2));

        product.reserve(2);

        assertThat(product.stockLevels()).isEqualTo(new StockAdjusted("SKU-1", 5, 5, 0));
    }

    @Test
    void releaseGivesReservedStockBack() {
        Product product = ProductMother.withReserved("SKU-1", 5, 3);

        product.release(2);

        assertThat(product.stockLevels()).isEqualTo(new StockAdjusted("SKU-1", 5, 1, 4));
        assertThatExceptionOfType(IllegalProductTransitionException.class).isThrownBy(() -> product.release(2));
    }

    @Test
    void commitLowersOnHandAndReservedTogether() {
        Product product = ProductMother.withReserved("SKU-1", 5, 3);

        product.commit(3);

        assertThat(product.stockLevels()).isEqualTo(new StockAdjusted("SKU-1", 2, 0, 2));
        assertThatExceptionOfType(IllegalProductTransitionException.class).isThrownBy(() -> product.commit(1));
    }

    @Test
    void priceChangesCarryOldAndNewPriceAndAVersionThatGrowsByOne() {
        Product product = ProductMother.inStock("SKU-1", 5);

        ProductPriceChanged first = (ProductPriceChanged) product.changePrice(new Money("14", "EUR"), LATER).getFirst();
        ProductPriceChanged second = (ProductPriceChanged) product.changePrice(new Money("13.99", "EUR"), LATER).getFirst();

        assertThat(first).isEqualTo(new ProductPriceChanged("SKU-1", new Money("12.50", "EUR"),
                new Money("14.00", "EUR"), 1, LATER));
        assertThat(second.oldPrice()).isEqualTo(new Money("14.00", "EUR"));
        assertThat(second.priceVersion()).isEqualTo(2);
        assertThat(product.price()).isEqualTo(new Money("13.99", "EUR"));
    }

    @Test
    void anUnchangedPriceStatesNothing() {
        Product product = ProductMother.inStock("SKU-1", 5);

        assertThat(product.changePrice(new Money("12.5", "EUR"), LATER)).isEmpty();
        assertThat(product.priceVersion()).isZero();
    }

    @Test
    void refusesAnInvalidNewPrice() {
        Product product = ProductMother.inStock("SKU-1", 5);

        assertThatIllegalArgumentException().isThrownBy(() -> product.changePrice(new Money("-1.00", "EUR"), LATER));
        assertThat(product.price()).isEqualTo(ProductMother.PRICE);
    }
}

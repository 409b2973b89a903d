package dev.conveyor.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @ParameterizedTest
    @ValueSource(strings = {"19.99", "0", "0.125", "-5.00", "1000000000000.00"})
    void acceptsPlainDecimalAmounts(String amount) {
        assertThat(new Money(amount, "EUR").toBigDecimal()).isEqualByComparingTo(new BigDecimal(amount));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E+3", "1e3", "19,99", "+1.00", ".5", "5.", " 5", "", "abc", "NaN"})
    void rejectsAnAmountThatIsNotAPlainDecimal(String amount) {
        assertThatThrownBy(() -> new Money(amount, "EUR"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amount must be a plain decimal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eur", "EURO", "EU", "€", ""})
    void rejectsACurrencyThatIsNotAThreeLetterUpperCaseCode(String currency) {
        assertThatThrownBy(() -> new Money("1.00", currency))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("currency must be a 3-letter upper-case ISO 4217 code");
    }

    @Test
    void requiresAmountAndCurrency() {
        assertThatThrownBy(() -> new Money(null, "EUR")).hasMessage("amount is required");
        assertThatThrownBy(() -> new Money("1.00", null)).hasMessage("currency is required");
    }

    @Test
    void ofGivesAtLeastTwoDecimalPlacesWithoutRounding() {
        assertThat(Money.of(new BigDecimal("5"), "EUR")).isEqualTo(new Money("5.00", "EUR"));
        assertThat(Money.of(new BigDecimal("5.5"), "EUR")).isEqualTo(new Money("5.50", "EUR"));
        assertThat(Money.of(new BigDecimal("0.125"), "EUR")).isEqualTo(new Money("0.125", "EUR"));
        assertThat(Money.of(new BigDecimal("1E+3"), "EUR")).isEqualTo(new Money("1000.00", "EUR"));
    }

    @Test
    void addsAmountsOfTheSameCurrency() {
        assertThat(new Money("19.99", "EUR").plus(new Money("0.01", "EUR"))).isEqualTo(new Money("20.00", "EUR"));
        assertThat(new Money("0.1", "EUR").plus(new Money("0.2", "EUR"))).isEqualTo(new Money("0.30", "EUR"));
    }

    @Test
    void refusesToAddDifferentCurrencies() {
        assertThatThrownBy(() -> new Money("1.00", "EUR").plus(new Money("1.00", "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot add USD to EUR");
    }

    @Test
    void multipliesByAQuantity() {
        assertThat(new Money("12.50", "EUR").times(3)).isEqualTo(new Money("37.50", "EUR"));
        assertThat(new Money("19.99", "USD").times(0)).isEqualTo(new Money("0.00", "USD"));
        assertThat(new Money("0.125", "EUR").times(2)).isEqualTo(new Money("0.250", "EUR"));
    }

    @Test
    void equalityIsTextualSoNormaliseWithOf() {
        assertThat(new Money("5.0", "EUR")).isNotEqualTo(new Money("5.00", "EUR"));
        assertThat(Money.of(new Money("5.0", "EUR").toBigDecimal(), "EUR")).isEqualTo(new Money("5.00", "EUR"));
    }
}

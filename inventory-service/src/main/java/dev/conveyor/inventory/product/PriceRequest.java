package dev.conveyor.inventory.product;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.conveyor.events.Money;

/** A price in a request: the amount may be a JSON number or a decimal string, in the currency's minor units. */
@MinorUnits
record PriceRequest(
        @NotNull @DecimalMin(value = "0.01", message = "must be at least 0.01")
        @DecimalMax("9999999999.99") @Digits(integer = 10, fraction = 2) BigDecimal amount,
        @NotNull @Size(max = 3) @IsoCurrency String currency) {

    Money toMoney() {
        return Money.of(amount, currency);
    }
}

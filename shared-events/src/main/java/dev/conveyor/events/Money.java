package dev.conveyor.events;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money in one currency: a plain decimal string and an ISO 4217 code, never a float.
 *
 * <p>Equality is textual ({@code "5.0"} and {@code "5.00"} differ); build amounts with {@link #of} to get a
 * consistent scale.
 */
public record Money(String amount, String currency) {

    private static final Pattern AMOUNT = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(amount, "amount is required");
        Objects.requireNonNull(currency, "currency is required");
        if (amount.length() > Bounds.AMOUNT || !AMOUNT.matcher(amount).matches()) {
            throw new IllegalArgumentException("amount must be a plain decimal of at most " + Bounds.AMOUNT + " characters such as \"19.99\""
                    + " (no exponent, no sign other than '-'), was \"" + amount + "\"");
        }
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException(
                    "currency must be a 3-letter upper-case ISO 4217 code such as \"EUR\", was \"" + currency + "\"");
        }
    }

    /** Money with at least two decimal places: {@code of(new BigDecimal("5"), "EUR")} is {@code 5.00 EUR}. */
    public static Money of(BigDecimal amount, String currency) {
        Objects.requireNonNull(amount, "amount is required");
        BigDecimal scaled = amount.scale() < 2 ? amount.setScale(2) : amount;
        return new Money(scaled.toPlainString(), currency);
    }

    public BigDecimal toBigDecimal() {
        return new BigDecimal(amount);
    }

    public Money plus(Money other) {
        Objects.requireNonNull(other, "other is required");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
        }
        return of(toBigDecimal().add(other.toBigDecimal()), currency);
    }

    public Money times(int factor) {
        return of(toBigDecimal().multiply(BigDecimal.valueOf(factor)), currency);
    }

    @Override
    public String toString() {
        return amount + " " + currency;
    }
}

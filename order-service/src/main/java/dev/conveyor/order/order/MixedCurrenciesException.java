package dev.conveyor.order.order;

import java.util.Set;

/** The items of an order are priced in more than one currency; an order has a single-currency total. */
class MixedCurrenciesException extends RuntimeException {

    private final Set<String> currencies;

    public MixedCurrenciesException(Set<String> currencies) {
        super("The items are priced in more than one currency " + currencies + "; an order must use a single currency");
        this.currencies = Set.copyOf(currencies);
    }

    public Set<String> currencies() {
        return currencies;
    }
}

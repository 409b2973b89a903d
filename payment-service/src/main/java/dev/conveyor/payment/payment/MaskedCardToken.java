package dev.conveyor.payment.payment;

/**
 * The only form of a card token this service keeps, shows or logs: for a token of 12 characters or more its first
 * and last four characters ({@code tok_declined -> tok_****ined}), for a shorter one nothing at all.
 */
record MaskedCardToken(String value) {

    private static final int MIN_LENGTH_TO_REVEAL_ENDS = 12;

    static MaskedCardToken of(String cardToken) {
        if (cardToken == null || cardToken.length() < MIN_LENGTH_TO_REVEAL_ENDS) {
            return new MaskedCardToken("****");
        }
        return new MaskedCardToken(cardToken.substring(0, 4) + "****" + cardToken.substring(cardToken.length() - 4));
    }

    @Override
    public String toString() {
        return value;
    }
}

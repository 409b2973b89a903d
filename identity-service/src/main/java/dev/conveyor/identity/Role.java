package dev.conveyor.identity;

import java.util.Locale;

/** What a token's bearer may do in Conveyor; carried in the token's {@code roles} claim in lower case. */
public enum Role {
    /** Places and follows their own orders; the token's subject is the customer's id. */
    CUSTOMER,
    /** Manages products, prices and stock, reads payments. */
    OPERATOR,
    /** Lists, dispatches and delivers shipments. */
    WAREHOUSE,
    /** Runs operations: dead letters, parked rows, metrics. */
    ADMIN;

    /** The value in the {@code roles} claim. */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority of an account with this role. */
    String authority() {
        return "ROLE_" + name();
    }
}

package dev.conveyor.order.order;

import java.time.Duration;

/** The checks the order service's settings records share, with the property's full name in the message. */
final class SettingsChecks {

    private SettingsChecks() {
    }

    /** Refuses a missing, zero or negative duration for the property {@code name}. */
    static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}

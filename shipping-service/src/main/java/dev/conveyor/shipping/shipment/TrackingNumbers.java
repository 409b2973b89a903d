package dev.conveyor.shipping.shipment;

import java.security.SecureRandom;
import java.util.Locale;

/** Makes a tracking number for a dispatch whose carrier gave none: the carrier's name and eight random characters. */
final class TrackingNumbers {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static final int RANDOM_LENGTH = 8;

    private static final int MAX_PREFIX_LENGTH = 20;

    private static final SecureRandom RANDOM = new SecureRandom();

    private TrackingNumbers() {
    }

    /** E.g. {@code DHL-7K3QZ9MX} for carrier "dhl"; at most 29 characters. */
    static String generate(String carrier) {
        String prefix = carrier.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (prefix.isEmpty()) {
            prefix = "SHIP";
        }
        if (prefix.length() > MAX_PREFIX_LENGTH) {
            prefix = prefix.substring(0, MAX_PREFIX_LENGTH);
        }
        StringBuilder number = new StringBuilder(prefix).append('-');
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            number.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return number.toString();
    }
}

package dev.conveyor.events.shipping;

import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;
import java.util.regex.Pattern;

/** A delivery address; {@code line2} is optional and {@code country} is an ISO 3166-1 alpha-2 code. */
public record Address(String name, String line1, String line2, String city, String postalCode, String country) {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public Address {
        Require.nonBlank(name, Bounds.ADDRESS_LINE, "name");
        Require.nonBlank(line1, Bounds.ADDRESS_LINE, "line1");
        Require.atMost(line2, Bounds.ADDRESS_LINE, "line2");
        Require.nonBlank(city, Bounds.CITY, "city");
        Require.nonBlank(postalCode, Bounds.POSTAL_CODE, "postalCode");
        if (!COUNTRY.matcher(Require.nonNull(country, "country")).matches()) {
            throw new IllegalArgumentException(
                    "country must be an upper-case ISO 3166-1 alpha-2 code such as \"DE\", was \"" + country + "\"");
        }
    }
}

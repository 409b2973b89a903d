package dev.conveyor.inventory.product;

import java.util.OptionalLong;

/** Reads the price version a client expects from an {@code If-Match} header (the ETag GET answered). */
final class PriceVersions {

    private PriceVersions() {
    }

    /**
     * The expected version; empty without the header or with {@code *}. A tag that is not a quoted version (weak,
     * unquoted, a list) can never match: it expects version -1.
     */
    static OptionalLong fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || "*".equals(ifMatch.strip())) {
            return OptionalLong.empty();
        }
        String tag = ifMatch.strip();
        if (tag.matches("\"\\d{1,18}\"")) {
            return OptionalLong.of(Long.parseLong(tag.substring(1, tag.length() - 1)));
        }
        return OptionalLong.of(-1);
    }
}

package dev.conveyor.inventory.reservation;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.inventory.product.Product;

/** Reservations and the stock they are made from, built through the domain. */
final class ReservationMother {

    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    private ReservationMother() {
    }

    static Map<String, Product> stockOf(Product... products) {
        return Arrays.stream(products).collect(Collectors.toMap(Product::sku, Function.identity()));
    }

    static List<StockLine> lines(Object... skusAndQuantities) {
        List<StockLine> lines = new java.util.ArrayList<>();
        for (int i = 0; i < skusAndQuantities.length; i += 2) {
            lines.add(new StockLine((String) skusAndQuantities[i], (Integer) skusAndQuantities[i + 1]));
        }
        return lines;
    }

    /** A RESERVED reservation of {@code lines}, taken from {@code stock}. */
    static Reservation reserved(UUID orderId, List<StockLine> lines, Map<String, Product> stock) {
        Reservation reservation = Reservation.requested(orderId, NOW);
        reservation.reserve(lines, stock, NOW);
        if (reservation.status() != ReservationStatus.RESERVED) {
            throw new IllegalArgumentException("the stock cannot serve " + lines);
        }
        return reservation;
    }
}

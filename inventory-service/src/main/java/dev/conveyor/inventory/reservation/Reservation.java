package dev.conveyor.inventory.reservation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.conveyor.events.Message;
import dev.conveyor.events.inventory.StockCommitted;
import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.events.inventory.StockReleased;
import dev.conveyor.events.inventory.StockReservationRejected;
import dev.conveyor.events.inventory.StockReserved;
import dev.conveyor.inventory.product.Product;

/**
 * The stock held for one order, all lines or none, and the answer given to every command about that order.
 * <p>
 * One reservation exists per orderId, whatever the outcome, so that a repeated command gets the answer already given
 * and never changes stock twice. Each transition returns the messages it causes; since every command of the saga is
 * answered, a repeated command returns the answer already given. The rules where a command meets an unexpected state
 * are:
 * <ul>
 * <li>ReserveStock, first time: RESERVED and StockReserved (with one StockAdjusted per sku), or REJECTED and
 * StockReservationRejected: UNKNOWN_SKU when a sku is not in the catalogue, else INSUFFICIENT_STOCK; the shortages list
 * every sku that could not be served, with its available quantity (0 when unknown).</li>
 * <li>ReserveStock, again: re-sends StockReserved with the stored lines (also once committed), or the stored
 * rejection; once RELEASED, it is rejected with RESERVATION_RELEASED and no shortages, since the order gave its
 * stock up (or released before reserving).</li>
 * <li>ReleaseStock with no reservation: stores a reservation created RELEASED with no lines and answers StockReleased with no
 * lines, so that a ReserveStock arriving later for that order is rejected (RESERVATION_RELEASED) and reserves
 * nothing. On a REJECTED reservation: StockReleased with no lines, no change (the rejection stays the answer to a
 * repeated ReserveStock). Once RELEASED: re-sends StockReleased. Once COMMITTED: refused, nothing changes, and the
 * answer is StockCommitted again, since the stock has left the warehouse.</li>
 * <li>CommitStock: from RESERVED, COMMITTED and StockCommitted; once COMMITTED, re-sends it. With nothing to commit
 * (no reservation, or REJECTED or RELEASED) nothing changes, nothing is stored and the answer is StockCommitted with
 * no lines.</li>
 * </ul>
 */
@Entity
@Table(name = "reservation")
class Reservation {

    @Id
    private UUID orderId;

    @Enumerated(EnumType.STRING)
    private ReservationStatus status;

    private String rejectionReason;

    @ElementCollection
    @CollectionTable(name = "reservation_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<ReservationLine> lines = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "reservation_shortage", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<ReservationShortage> shortages = new ArrayList<>();

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private Long version;

    protected Reservation() {
        // for JPA
    }

    private Reservation(UUID orderId, ReservationStatus status, List<ReservationLine> lines, String rejectionReason,
            List<ReservationShortage> shortages, Instant now) {
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.status = status;
        this.lines = new ArrayList<>(lines);
        this.rejectionReason = rejectionReason;
        this.shortages = new ArrayList<>(shortages);
        this.createdAt = Objects.requireNonNull(now, "now");
        this.updatedAt = now;
    }

    /**
     * A ReserveStock for an order that has none yet, before {@link #reserve} decides it. It exists only in memory: it
     * is stored once decided.
     */
    static Reservation requested(UUID orderId, Instant now) {
        return new Reservation(orderId, ReservationStatus.REQUESTED, List.of(), null, List.of(), now);
    }

    /**
     * The record of a release for an order that has no reservation: a reservation created RELEASED with no lines, so
     * that a ReserveStock arriving later reserves nothing.
     */
    static Reservation releasedBeforeReservation(UUID orderId, Instant now) {
        return new Reservation(orderId, ReservationStatus.RELEASED, List.of(), null, List.of(), now);
    }

    /** The answer to a CommitStock for an order with no reservation: nothing committed, nothing stored. */
    static List<Message> commitWithoutReservation(UUID orderId) {
        return List.of(new StockCommitted(orderId, List.of()));
    }

    /**
     * Decides a requested reservation: reserves every requested line from {@code stock} (the products of the
     * requested skus, locked; unknown skus are absent), or none of them. Once decided, it answers a repeated
     * ReserveStock with the outcome already reached, whatever the lines and the stock.
     */
    List<Message> reserve(List<StockLine> requested, Map<String, Product> stock, Instant now) {
        if (status != ReservationStatus.REQUESTED) {
            return outcome();
        }
        if (requested.isEmpty()) {
            throw new IllegalArgumentException("a reservation needs at least one line");
        }
        SortedMap<String, Integer> quantities = quantitiesBySku(requested);
        List<ReservationShortage> missing = new ArrayList<>();
        boolean unknownSku = false;
        for (Map.Entry<String, Integer> wanted : quantities.entrySet()) {
            Product product = stock.get(wanted.getKey());
            if (product == null) {
                unknownSku = true;
                missing.add(new ReservationShortage(wanted.getKey(), wanted.getValue(), 0));
            }
            else if (!product.canReserve(wanted.getValue())) {
                missing.add(new ReservationShortage(wanted.getKey(), wanted.getValue(), product.available()));
            }
        }
        if (!missing.isEmpty()) {
            rejectionReason = unknownSku ? StockReservationRejected.UNKNOWN_SKU : StockReservationRejected.INSUFFICIENT_STOCK;
            shortages = new ArrayList<>(missing);
            moveTo(ReservationStatus.REJECTED, now);
            return outcome();
        }
        lines = new ArrayList<>(requested.stream().map(ReservationLine::of).toList());
        moveTo(ReservationStatus.RESERVED, now);
        List<Message> messages = new ArrayList<>(outcome());
        quantities.forEach((sku, quantity) -> messages.addAll(stock.get(sku).reserve(quantity)));
        return messages;
    }

    /** Gives the held stock back to {@code stock} (the products of {@link #skusHeld()}, locked). */
    List<Message> release(Map<String, Product> stock, Instant now) {
        return switch (status) {
            case RESERVED -> {
                List<Message> messages = new ArrayList<>();
                messages.add(new StockReleased(orderId, stockLines()));
                quantitiesBySku(stockLines()).forEach((sku, quantity) -> messages.addAll(held(stock, sku).release(quantity)));
                moveTo(ReservationStatus.RELEASED, now);
                yield messages;
            }
            case RELEASED -> List.of(new StockReleased(orderId, stockLines()));
            case REJECTED -> List.of(new StockReleased(orderId, List.of()));
            case COMMITTED -> List.of(new StockCommitted(orderId, stockLines()));
            case REQUESTED -> throw undecided("released");
        };
    }

    /** Removes the held stock from {@code stock} (the products of {@link #skusHeld()}, locked). */
    List<Message> commit(Map<String, Product> stock, Instant now) {
        return switch (status) {
            case RESERVED -> {
                List<Message> messages = new ArrayList<>();
                messages.add(new StockCommitted(orderId, stockLines()));
                quantitiesBySku(stockLines()).forEach((sku, quantity) -> messages.addAll(held(stock, sku).commit(quantity)));
                moveTo(ReservationStatus.COMMITTED, now);
                yield messages;
            }
            case COMMITTED -> List.of(new StockCommitted(orderId, stockLines()));
            case REJECTED, RELEASED -> commitWithoutReservation(orderId);
            case REQUESTED -> throw undecided("committed");
        };
    }

    private IllegalReservationTransitionException undecided(String action) {
        return new IllegalReservationTransitionException("reservation of order " + orderId
                + " is not decided yet and cannot be " + action);
    }

    /** The skus whose products a release or commit changes, sorted: the rows to lock. Empty unless RESERVED. */
    SortedSet<String> skusHeld() {
        SortedSet<String> skus = new TreeSet<>();
        if (status == ReservationStatus.RESERVED) {
            lines.forEach(line -> skus.add(line.sku()));
        }
        return skus;
    }

    UUID orderId() {
        return orderId;
    }

    ReservationStatus status() {
        return status;
    }

    List<StockLine> stockLines() {
        return lines.stream().map(ReservationLine::toStockLine).toList();
    }

    /** The answer a ReserveStock got, re-sent to a repeated one. */
    private List<Message> outcome() {
        return switch (status) {
            case RESERVED, COMMITTED -> List.of(new StockReserved(orderId, stockLines()));
            case REJECTED -> List.of(new StockReservationRejected(orderId, rejectionReason,
                    shortages.stream().map(ReservationShortage::toStockShortage).toList()));
            case RELEASED -> List.of(new StockReservationRejected(orderId, StockReservationRejected.RESERVATION_RELEASED,
                    List.of()));
            case REQUESTED -> throw undecided("answered");
        };
    }

    private void moveTo(ReservationStatus target, Instant now) {
        status = target;
        updatedAt = now;
    }

    private Product held(Map<String, Product> stock, String sku) {
        Product product = stock.get(sku);
        if (product == null) {
            throw new IllegalStateException("reservation of order " + orderId + " holds " + sku + ", which is missing");
        }
        return product;
    }

    /** The total requested per sku, in sku order; a sum beyond any stock is capped (it cannot be served anyway). */
    private static SortedMap<String, Integer> quantitiesBySku(List<StockLine> lines) {
        SortedMap<String, Long> sums = new TreeMap<>();
        lines.forEach(line -> sums.merge(line.sku(), (long) line.quantity(), Long::sum));
        SortedMap<String, Integer> quantities = new TreeMap<>();
        sums.forEach((sku, sum) -> quantities.put(sku, (int) Math.min(sum, Integer.MAX_VALUE)));
        return quantities;
    }

    @Override
    public String toString() {
        return "Reservation[" + orderId + ", " + status + "]";
    }
}

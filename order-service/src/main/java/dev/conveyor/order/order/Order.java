package dev.conveyor.order.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.conveyor.events.Money;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A customer's order: its priced lines, where it ships, its status with the history of how it got there, and the
 * shipment once shipping reports one. It guards its own status: only the moves {@link OrderStatus} allows happen.
 */
@Entity
@Table(name = "orders")
public class Order {

    @Id
    private UUID id;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private OrderStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "cancellation_reason")
    private CancellationReason cancellationReason;

    @Column(name = "total_amount", nullable = false)
    private BigDecimal totalAmount;

    @Column(name = "total_currency", nullable = false)
    private String totalCurrency;

    @Embedded
    private ShippingAddress shippingAddress;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_lines", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<OrderLine> lines = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_status_history", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "seq")
    private List<StatusChange> history = new ArrayList<>();

    @Column(name = "shipment_id")
    private UUID shipmentId;

    @Column(name = "carrier")
    private String carrier;

    @Column(name = "tracking_number")
    private String trackingNumber;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Order() {
        // for JPA
    }

    private Order(UUID id, String customerId, List<OrderLine> lines, ShippingAddress shippingAddress, Money total,
            Instant now) {
        this.id = id;
        this.customerId = customerId;
        this.lines = new ArrayList<>(lines);
        this.shippingAddress = shippingAddress;
        this.totalAmount = total.toBigDecimal();
        this.totalCurrency = total.currency();
        this.status = OrderStatus.PLACED;
        this.history.add(new StatusChange(OrderStatus.PLACED, now, null));
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * A new order in status PLACED, its total the sum of its lines.
     * @throws MixedCurrenciesException when the lines are priced in more than one currency
     */
    public static Order place(UUID id, String customerId, List<OrderLine> lines, ShippingAddress shippingAddress,
            Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(shippingAddress, "shippingAddress");
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
        Set<String> currencies = lines.stream().map(line -> line.unitPrice().currency())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (currencies.size() > 1) {
            throw new MixedCurrenciesException(currencies);
        }
        Money total = lines.stream().map(OrderLine::lineTotal).reduce(Money::plus).orElseThrow();
        return new Order(id, customerId, lines, shippingAddress, total, now);
    }

    /**
     * Moves the order to {@code next}, noting why in its history. Reaching the status it is already in does nothing
     * (a redelivered message is harmless); a move its status does not allow is a programming error.
     * @return whether the status changed
     */
    public boolean moveTo(OrderStatus next, String note, Instant at) {
        if (status == next) {
            return false;
        }
        if (!status.successors().contains(next)) {
            throw new IllegalStateException("Order " + id + " cannot move from " + status + " to " + next);
        }
        status = next;
        history.add(new StatusChange(next, at, note));
        updatedAt = at;
        return true;
    }

    /** Cancels the order for the reason, which is kept and shown; see {@link #moveTo}. */
    public boolean cancel(CancellationReason reason, Instant at) {
        boolean changed = moveTo(OrderStatus.CANCELLED, reason.name(), at);
        if (changed) {
            cancellationReason = reason;
        }
        return changed;
    }

    /** Notes the shipment shipping scheduled for the order (no status change). */
    public void recordShipment(UUID shipmentId) {
        if (shipmentId != null) {
            this.shipmentId = shipmentId;
        }
    }

    /** Notes how the shipment travels once it left the warehouse. */
    public void recordDispatch(UUID shipmentId, String carrier, String trackingNumber) {
        recordShipment(shipmentId);
        this.carrier = carrier;
        this.trackingNumber = trackingNumber;
    }

    public UUID id() {
        return id;
    }

    public String customerId() {
        return customerId;
    }

    public OrderStatus status() {
        return status;
    }

    public CancellationReason cancellationReason() {
        return cancellationReason;
    }

    public Money total() {
        return Money.of(totalAmount, totalCurrency);
    }

    public ShippingAddress shippingAddress() {
        return shippingAddress;
    }

    public List<OrderLine> lines() {
        return Collections.unmodifiableList(lines);
    }

    public List<StatusChange> history() {
        return Collections.unmodifiableList(history);
    }

    public UUID shipmentId() {
        return shipmentId;
    }

    public String carrier() {
        return carrier;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}

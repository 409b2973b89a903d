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

import dev.conveyor.events.Message;
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
 * A customer's order: its priced lines, where it ships, its status with the history of how it got there, the
 * shipment once shipping reports one, and how far its fulfilment saga has come. It owns its fulfilment: every
 * trigger goes through {@link #apply}, which asks the {@link FulfilmentSaga} table, records the trigger's facts when
 * the table accepts the move, moves the status, keeps the saga's deadline and returns the messages the move causes.
 */
@Entity
@Table(name = "orders")
class Order {

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

    @Embedded
    private SagaProgress saga;

    @Version
    private long version;

    protected Order() {
        // for JPA
    }

    private Order(UUID id, String customerId, List<OrderLine> lines, ShippingAddress shippingAddress, Money total,
            String cardToken, Instant now) {
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
        this.saga = SagaProgress.start(cardToken);
    }

    /**
     * A new order in status PLACED, its total the sum of its lines; its saga starts with {@link #start}. The card
     * token is kept only while the payment step needs it.
     * @throws MixedCurrenciesException when the lines are priced in more than one currency
     */
    static Order place(UUID id, String customerId, List<OrderLine> lines, ShippingAddress shippingAddress,
            String cardToken, Instant now) {
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
        return new Order(id, customerId, lines, shippingAddress, total, cardToken, now);
    }

    /**
     * Starts the fulfilment of a new order: waits for inventory's answer and returns ReserveStock and OrderPlaced.
     * A saga already started returns nothing.
     */
    List<Message> start(FulfilmentSaga table, Instant now) {
        if (saga.waitingSince() != null) {
            return List.of();
        }
        Decision start = table.start();
        List<Message> messages = messages(start, createdAt);
        track(start, table, now);
        return messages;
    }

    /**
     * Applies a trigger through the saga's table: records the facts it carries only when the table accepts the move,
     * moves the status (reaching the status it is in does nothing; leaving a finished order is a programming error
     * and throws), moves the saga's deadline and returns what happened with the messages to send. A repeat (the
     * move already made) returns no messages.
     * @throws IllegalStateException when an expired deadline's cell leaves the deadline where it was: the scan would
     *                               pick the order again and again
     */
    Applied apply(Trigger trigger, FulfilmentSaga table, Instant now) {
        OrderStatus from = status;
        Decision decision = table.on(status, trigger, saga);
        if (decision.accepted()) {
            record(trigger);
        }
        if (decision.next() != null) {
            moveTo(decision.next(), decision.reason(), decision.note(), now);
        }
        List<Message> messages = messages(decision, now);
        track(decision, table, now);
        if (trigger instanceof Trigger.DeadlineExpired && saga.isOverdue(now)) {
            throw new IllegalStateException("Order " + id + ": the deadline of " + saga.awaiting() + " in " + status
                    + " was not moved by " + decision.outcome());
        }
        return new Applied(from, decision, messages);
    }

    /**
     * Records that handling the saga's overdue deadline failed: the error is kept and the next try pushed back
     * (doubling with each failure in a row). Answers false, changing nothing, when the deadline is no longer overdue:
     * a reply moved the saga on and the failure belonged to a step that is over.
     */
    boolean noteDeadlineFailure(String error, FulfilmentSaga table, Instant now) {
        if (!saga.isOverdue(now)) {
            return false;
        }
        saga.deadlineFailed(error, now, table.deadlines().failureWait(saga.failures() + 1));
        return true;
    }

    /** What applying a trigger did: the status it found, the table's decision and the messages to send. */
    record Applied(OrderStatus from, Decision decision, List<Message> messages) {

        Outcome outcome() {
            return decision.outcome();
        }
    }

    private void moveTo(OrderStatus next, CancellationReason reason, String note, Instant at) {
        if (status == next) {
            return;
        }
        if (status.isTerminal()) {
            throw new IllegalStateException("Order " + id + " cannot move from " + status + " to " + next);
        }
        status = next;
        cancellationReason = reason;
        history.add(new StatusChange(next, at, reason != null ? reason.name() : note));
        updatedAt = at;
    }

    /** The facts a trigger carries, recorded once the table accepted it. */
    private void record(Trigger trigger) {
        switch (trigger) {
            case Trigger.PaymentAuthorized authorized -> saga.notePayment(authorized.paymentId());
            case Trigger.ShipmentScheduled scheduled -> {
                noteShipment(scheduled.shipmentId());
                saga.noteShipmentScheduled();
            }
            case Trigger.ShipmentDispatched dispatched -> {
                noteShipment(dispatched.shipmentId());
                carrier = dispatched.carrier();
                trackingNumber = dispatched.trackingNumber();
                saga.noteDispatchHandled();
            }
            case Trigger.ShipmentDelivered delivered -> noteShipment(delivered.shipmentId());
            case Trigger.ShipmentCancellationRejected rejected -> noteShipment(rejected.shipmentId());
            default -> {
                // the other triggers carry no fact the order keeps
            }
        }
    }

    private void noteShipment(UUID shipment) {
        if (shipment != null) {
            shipmentId = shipment;
        }
    }

    private List<Message> messages(Decision decision, Instant at) {
        List<Message> messages = new ArrayList<>();
        decision.commands().forEach(command -> messages.add(OrderMessages.command(command, this, saga)));
        decision.events().forEach(event -> messages.add(OrderMessages.event(event, this, at)));
        return messages;
    }

    /**
     * Moves the saga's deadline: the next, longer wait after a re-send; none once it gave up; otherwise the deadline
     * of the answer it now waits for (kept when that did not change).
     */
    private void track(Decision decision, FulfilmentSaga table, Instant now) {
        FulfilmentSaga.Deadlines deadlines = table.deadlines();
        switch (decision.outcome()) {
            case RESENT -> saga.resent(now, deadlines.resendWait(saga.awaiting(), saga.attempts() + 1));
            case STUCK -> saga.giveUp(now);
            default -> {
                Step step = table.awaited(status, saga);
                saga.await(step, now, step == null ? null : deadlines.timeout(step));
            }
        }
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

    /** How far the fulfilment saga has come. */
    SagaProgress saga() {
        return saga;
    }
}

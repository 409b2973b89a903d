package dev.conveyor.order.order;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.conveyor.events.Message;
import dev.conveyor.messaging.Outbox;
import dev.conveyor.order.catalogue.Catalogue;
import dev.conveyor.order.catalogue.Catalogue.PricedProduct;
import dev.conveyor.order.order.OrderExceptions.CancelRefused;
import dev.conveyor.order.order.OrderExceptions.DuplicateSkus;
import dev.conveyor.order.order.OrderExceptions.IdempotencyKeyReused;
import dev.conveyor.order.order.OrderExceptions.OrderNotFound;
import dev.conveyor.order.order.OrderExceptions.UnknownSkus;
import dev.conveyor.order.order.OrderViews.OrderSummary;
import dev.conveyor.order.order.OrderViews.OrderView;
import dev.conveyor.order.order.Order.Applied;
import dev.conveyor.web.PageQuery;
import dev.conveyor.web.PageView;

/**
 * The order service's use cases, each one local transaction: the storefront's (place idempotently, read, list,
 * cancel, follow), the participants' replies and the saga's expired deadlines. Every change goes through the order
 * ({@link Order#apply}); this class locks it, stores it and writes the messages it returns to the outbox.
 */
@Service
public class Orders {

    private static final Logger log = LoggerFactory.getLogger(Orders.class);

    private final OrderRepository orders;

    private final EntityManager entities;

    private final Catalogue catalogue;

    private final IdempotencyKeys idempotencyKeys;

    private final OrderStreams streams;

    private final Outbox outbox;

    private final ApplicationEventPublisher events;

    private final FulfilmentSaga table;

    private final Clock clock;

    Orders(OrderRepository orders, EntityManager entities, Catalogue catalogue, IdempotencyKeys idempotencyKeys,
            OrderStreams streams, Outbox outbox, ApplicationEventPublisher events, SagaSettings settings, Clock clock) {
        this.orders = orders;
        this.entities = entities;
        this.catalogue = catalogue;
        this.idempotencyKeys = idempotencyKeys;
        this.streams = streams;
        this.outbox = outbox;
        this.events = events;
        this.table = new FulfilmentSaga(settings);
        this.clock = clock;
    }

    /** The placed order; {@code replayed} when an earlier request with the same Idempotency-Key created it. */
    record Placement(OrderView order, boolean replayed) {
    }

    /**
     * Places an order priced from the catalogue replica and starts its saga, in one transaction. With an
     * Idempotency-Key, the same key and body answer the order the first request created; a different body is refused.
     * A key is the customer's own: the same key from another customer places that customer's order.
     */
    @Transactional
    Placement place(OrderRequests.PlaceOrder request, String idempotencyKey) {
        rejectRepeatedSkus(request.items());
        UUID orderId = UUID.randomUUID();
        if (idempotencyKey != null) {
            String hash = idempotencyKeys.hash(request);
            if (!idempotencyKeys.claim(request.customerId(), idempotencyKey, hash, orderId)) {
                return new Placement(answerAgain(idempotencyKeys.find(request.customerId(), idempotencyKey).orElseThrow(),
                        idempotencyKey, hash), true);
            }
        }
        Instant now = clock.instant();
        Order order = Order.place(orderId, request.customerId(), price(request.items()),
                request.shippingAddress().toAddress(), request.payment().cardToken(), now);
        List<Message> messages = order.start(table, now);
        // persist, not save: the id is assigned here, so save would merge, reading the order (and its lines) first.
        entities.persist(order);
        messages.forEach(outbox::publish);
        log.debug("Order {} placed: saga started, waiting for stock until {}", orderId, order.saga().deadline());
        return new Placement(OrderView.of(order), false);
    }

    /**
     * The order an earlier request with this {@code Idempotency-Key} placed, if one did: a repeat is answered without
     * placing anything, so even while new orders are refused ({@link OrderAdmission}). A key that came with another
     * request is refused. Without a key, or for a key not used yet, empty: {@link #place} decides, and settles a race
     * between two requests with the same new key.
     */
    @Transactional(readOnly = true)
    Optional<OrderView> placedBefore(OrderRequests.PlaceOrder request, String idempotencyKey) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return idempotencyKeys.find(request.customerId(), idempotencyKey)
            .map(claimed -> answerAgain(claimed, idempotencyKey, idempotencyKeys.hash(request)));
    }

    private OrderView answerAgain(IdempotencyKeys.Claimed claimed, String idempotencyKey, String requestHash) {
        if (!claimed.requestHash().equals(requestHash)) {
            throw new IdempotencyKeyReused(idempotencyKey);
        }
        log.info("Order {} answered again for its Idempotency-Key", claimed.orderId());
        return view(claimed.orderId());
    }

    @Transactional(readOnly = true)
    OrderView get(UUID orderId) {
        return view(orderId);
    }

    @Transactional(readOnly = true)
    PageView<OrderSummary> list(String customerId, PageQuery query) {
        Page<Order> found = orders.findByCustomerIdOrderByCreatedAtDescIdAsc(customerId,
                PageRequest.of(query.page(), query.size()));
        return PageView.of(found.getContent().stream().map(OrderSummary::of).toList(), query, found.getTotalElements());
    }

    /** The customer's cancel: CANCELLED at once before confirmation, CANCELLING while shipping is asked. */
    @Transactional
    OrderView cancel(UUID orderId) {
        Order order = orders.findForUpdate(orderId).orElseThrow(() -> new OrderNotFound(orderId));
        if (apply(order, new Trigger.CustomerCancel()).outcome() == Outcome.REFUSED) {
            throw new CancelRefused(orderId, order.status());
        }
        return OrderView.of(order);
    }

    /**
     * Applies a participant's reply to the order's saga. A reply for an unknown order is logged and skipped: nothing
     * of ours to change or compensate.
     */
    @Transactional
    public void apply(UUID orderId, Trigger reply) {
        orders.findForUpdate(orderId).ifPresentOrElse(order -> apply(order, reply), () -> {
            if (orders.existsById(orderId)) {
                // findForUpdate joins the lines and the history: an order without either is broken, not unknown.
                throw new IllegalStateException("Order " + orderId + " has no lines or no status history");
            }
            log.warn("{} for unknown order {}: ignored", name(reply), orderId);
        });
    }

    /**
     * Handles the most overdue saga's deadline, if any: locks its order ({@code SKIP LOCKED}), hands its id to
     * {@code taken} (so a caller can record a failure against it once this transaction has rolled back) and applies
     * the expiry. Answers whether there was one.
     */
    @Transactional
    public boolean expireNextOverdue(Consumer<UUID> taken) {
        Optional<UUID> overdue = orders.lockNextOverdue(clock.instant());
        overdue.ifPresent(orderId -> {
            taken.accept(orderId);
            apply(orders.findForUpdate(orderId).orElseThrow(), new Trigger.DeadlineExpired());
        });
        return overdue.isPresent();
    }

    /**
     * Records that handling the saga's deadline failed, in a transaction of its own: the error is kept and the next
     * try pushed back, so the scan moves on to the other sagas. An order a reply moved on meanwhile is left alone.
     */
    @Transactional
    public void noteDeadlineFailure(UUID orderId, String error) {
        orders.findById(orderId).filter(order -> order.noteDeadlineFailure(error, table, clock.instant()))
                .ifPresent(order -> log.warn("Order {}: handling its {} deadline failed {} time(s); next try at {}: {}",
                        orderId, order.saga().awaiting(), order.saga().failures(), order.saga().deadline(), error));
    }

    private Applied apply(Order order, Trigger trigger) {
        Applied applied = order.apply(trigger, table, clock.instant());
        if (applied.from() != order.status()) {
            events.publishEvent(OrderStatusChanged.of(order));
        }
        applied.messages().forEach(outbox::publish);
        logOutcome(order.id(), trigger, applied);
        return applied;
    }

    /**
     * A stream of the order's status changes, starting with its current status. The status is read after the stream is
     * registered, so that a change committed in between is not missed. Not one transaction: nothing may fail after the
     * stream is handed to the web layer, and a failure before that gives its slot back.
     */
    SseEmitter stream(UUID orderId) {
        String customerId = orders.customerOf(orderId).orElseThrow(() -> new OrderNotFound(orderId));
        SseEmitter emitter = streams.open(orderId, customerId);
        try {
            Order order = orders.findById(orderId).orElseThrow(() -> new OrderNotFound(orderId));
            streams.send(emitter, OrderViews.StatusView.of(OrderStatusChanged.of(order)));
            return emitter;
        }
        catch (RuntimeException ex) {
            streams.abandon(emitter);
            throw ex;
        }
    }

    private OrderView view(UUID orderId) {
        return orders.findById(orderId).map(OrderView::of).orElseThrow(() -> new OrderNotFound(orderId));
    }

    private List<OrderLine> price(List<OrderRequests.Item> items) {
        Map<String, PricedProduct> products = catalogue.lookup(items.stream().map(OrderRequests.Item::sku).toList());
        List<String> unknown = items.stream().map(OrderRequests.Item::sku).filter(sku -> !products.containsKey(sku))
                .toList();
        if (!unknown.isEmpty()) {
            throw new UnknownSkus(unknown);
        }
        List<OrderLine> lines = new ArrayList<>();
        for (OrderRequests.Item item : items) {
            PricedProduct product = products.get(item.sku());
            lines.add(new OrderLine(item.sku(), product.name(), item.quantity(), product.price()));
        }
        return lines;
    }

    private static void rejectRepeatedSkus(List<OrderRequests.Item> items) {
        Map<String, Long> counts = items.stream()
                .collect(Collectors.groupingBy(OrderRequests.Item::sku, Collectors.counting()));
        Set<String> repeated = counts.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!repeated.isEmpty()) {
            throw new DuplicateSkus(repeated);
        }
    }

    private static void logOutcome(UUID orderId, Trigger trigger, Applied applied) {
        String name = name(trigger);
        OrderStatus from = applied.from();
        Decision decision = applied.decision();
        switch (decision.outcome()) {
            case ADVANCED -> log.debug("Order {}: {} moved it {} -> {}, sent {} {}", orderId, name, from,
                    decision.next(), decision.commands(), decision.events());
            case RECORDED, COMPENSATED -> log.debug("Order {} ({}): {} {}, sent {} {}", orderId, from, name,
                    decision.outcome(), decision.commands(), decision.events());
            case DUPLICATE, ACKNOWLEDGED -> log.debug("Order {} ({}): {} {}", orderId, from, name, decision.outcome());
            case UNEXPECTED -> log.warn("Order {} ({}): {} is not expected in this status; nothing changed", orderId,
                    from, name);
            case ALERT -> log.error("Order {} ({}): {} needs an operator: the saga cannot repair it", orderId, from,
                    name);
            case REFUSED -> log.debug("Order {} ({}): {} refused", orderId, from, name);
            case RESENT -> log.warn("Order {} ({}): no answer in time, sent {} again", orderId, from,
                    decision.commands());
            case STUCK -> log.error("Order {} ({}): still no answer after every re-send; stuck until it comes, an "
                    + "operator should look (GET /actuator/sagas)", orderId, from);
        }
    }

    private static String name(Trigger trigger) {
        return trigger.getClass().getSimpleName();
    }
}

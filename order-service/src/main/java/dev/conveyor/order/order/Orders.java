package dev.conveyor.order.order;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.conveyor.order.catalogue.Catalogue;
import dev.conveyor.order.catalogue.Catalogue.PricedProduct;
import dev.conveyor.order.order.OrderExceptions.CancelRefused;
import dev.conveyor.order.order.OrderExceptions.DuplicateSkus;
import dev.conveyor.order.order.OrderExceptions.IdempotencyKeyReused;
import dev.conveyor.order.order.OrderExceptions.OrderNotFound;
import dev.conveyor.order.order.OrderExceptions.UnknownSkus;
import dev.conveyor.order.order.OrderViews.OrderPage;
import dev.conveyor.order.order.OrderViews.OrderSummary;
import dev.conveyor.order.order.OrderViews.OrderView;
import dev.conveyor.order.saga.Fulfilment;
import dev.conveyor.order.saga.Outcome;
import dev.conveyor.order.saga.Transition;
import dev.conveyor.order.saga.Trigger;

/** The storefront's use cases: place (idempotently), read, list, cancel and follow orders. */
@Service
class Orders {

    private static final Logger log = LoggerFactory.getLogger(Orders.class);

    private final OrderRepository orders;

    private final Catalogue catalogue;

    private final Fulfilment fulfilment;

    private final IdempotencyKeys idempotencyKeys;

    private final OrderStreams streams;

    private final Clock clock;

    Orders(OrderRepository orders, Catalogue catalogue, Fulfilment fulfilment, IdempotencyKeys idempotencyKeys,
            OrderStreams streams, Clock clock) {
        this.orders = orders;
        this.catalogue = catalogue;
        this.fulfilment = fulfilment;
        this.idempotencyKeys = idempotencyKeys;
        this.streams = streams;
        this.clock = clock;
    }

    /** The placed order; {@code replayed} when an earlier request with the same Idempotency-Key created it. */
    record Placement(OrderView order, boolean replayed) {
    }

    /**
     * Places an order priced from the catalogue replica and starts its saga, in one transaction. With an
     * Idempotency-Key, the same key and body answer the order the first request created; a different body is refused.
     */
    @Transactional
    Placement place(OrderRequests.PlaceOrder request, String idempotencyKey) {
        rejectRepeatedSkus(request.items());
        UUID orderId = UUID.randomUUID();
        if (idempotencyKey != null) {
            String hash = idempotencyKeys.hash(request);
            if (!idempotencyKeys.claim(idempotencyKey, hash, orderId)) {
                IdempotencyKeys.Claimed claimed = idempotencyKeys.find(idempotencyKey).orElseThrow();
                if (!claimed.requestHash().equals(hash)) {
                    throw new IdempotencyKeyReused(idempotencyKey);
                }
                log.info("Order {} answered again for its Idempotency-Key", claimed.orderId());
                return new Placement(view(claimed.orderId()), true);
            }
        }
        Order order = Order.place(orderId, request.customerId(), price(request.items()),
                request.shippingAddress().toAddress(), clock.instant());
        orders.save(order);
        fulfilment.start(order, request.payment().cardToken());
        return new Placement(OrderView.of(order), false);
    }

    @Transactional(readOnly = true)
    OrderView get(UUID orderId) {
        return view(orderId);
    }

    @Transactional(readOnly = true)
    OrderPage list(String customerId, int page, int size) {
        Page<Order> found = orders.findByCustomerIdOrderByCreatedAtDescIdAsc(customerId, PageRequest.of(page, size));
        return new OrderPage(found.getContent().stream().map(OrderSummary::of).toList(), page, size,
                found.getTotalElements(), found.getTotalPages());
    }

    /** The customer's cancel: CANCELLED at once before confirmation, CANCELLING while shipping is asked. */
    @Transactional
    OrderView cancel(UUID orderId) {
        Transition transition = fulfilment.handle(orderId, Trigger.CUSTOMER_CANCEL)
                .orElseThrow(() -> new OrderNotFound(orderId));
        Order order = orders.findById(orderId).orElseThrow(() -> new OrderNotFound(orderId));
        if (transition.outcome() == Outcome.REFUSED) {
            throw new CancelRefused(orderId, order.status());
        }
        return OrderView.of(order);
    }

    /** A stream of the order's status changes, starting with its current status. */
    @Transactional(readOnly = true)
    SseEmitter stream(UUID orderId) {
        Order order = orders.findById(orderId).orElseThrow(() -> new OrderNotFound(orderId));
        SseEmitter emitter = streams.open(orderId);
        streams.send(emitter, OrderViews.StatusView.of(OrderStatusChanged.of(order)));
        return emitter;
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
}

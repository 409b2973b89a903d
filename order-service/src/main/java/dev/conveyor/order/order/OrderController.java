package dev.conveyor.order.order;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.conveyor.events.Bounds;
import dev.conveyor.order.order.OrderViews.OrderSummary;
import dev.conveyor.order.order.OrderViews.OrderView;
import dev.conveyor.web.PageQuery;
import dev.conveyor.web.PageView;
import dev.conveyor.web.PlainText;
import dev.conveyor.web.ProblemStatuses;

/** The storefront's order API. */
@RestController
@RequestMapping(path = "/api/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class OrderController {

    private final Orders orders;

    private final OrderAdmission admission;

    OrderController(Orders orders, OrderAdmission admission) {
        this.orders = orders;
        this.admission = admission;
    }

    /**
     * Places an order; with an {@code Idempotency-Key}, repeating the request answers the same order. While the
     * service is too far behind, a new order gets 503 with {@code Retry-After} and nothing is written (the key stays
     * unused); a repeat of an order already placed is still answered.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @ProblemStatuses(422)
    ResponseEntity<OrderView> placeOrder(
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 100) @PlainText String idempotencyKey,
            @Valid @RequestBody OrderRequests.PlaceOrder request) {
        // While orders are taken, placing settles a repeated key itself; only while they are refused is an earlier
        // order looked up first, so that a repeat is still answered.
        OrderView order = admission.isTakingOrders() ? orders.place(request, idempotencyKey).order()
                : orders.placedBefore(request, idempotencyKey).orElseGet(() -> {
                    admission.admitNewOrder();
                    return orders.place(request, idempotencyKey).order();
                });
        return ResponseEntity.created(URI.create("/api/orders/" + order.orderId())).body(order);
    }

    @GetMapping("/{orderId}")
    OrderView getOrder(@PathVariable UUID orderId) {
        return orders.get(orderId);
    }

    /** A customer's orders, newest first. */
    @GetMapping
    PageView<OrderSummary> listOrders(
            @RequestParam @NotBlank @Size(max = Bounds.CUSTOMER_ID) @PlainText String customerId,
            @Valid PageQuery page) {
        return orders.list(customerId, page);
    }

    /** 202: the order is CANCELLED, or CANCELLING until shipping confirms; 409 once shipped or already ended. */
    @PostMapping("/{orderId}/cancel")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ProblemStatuses(409)
    ResponseEntity<OrderView> cancelOrder(@PathVariable UUID orderId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(orders.cancel(orderId));
    }

    /**
     * Server-sent events ({@code status}) of the order's status: the current one at once, then each change. 429 with
     * {@code Retry-After} while the order's customer, or the service, has as many streams open as allowed.
     */
    @GetMapping(path = "/{orderId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ProblemStatuses(429)
    SseEmitter streamOrderStatus(@PathVariable UUID orderId) {
        return orders.stream(orderId);
    }
}

package dev.conveyor.order.order;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.conveyor.events.Bounds;
import dev.conveyor.order.order.OrderViews.OrderPage;
import dev.conveyor.order.order.OrderViews.OrderView;

/** The storefront's order API. */
@RestController
@RequestMapping("/api/orders")
class OrderController {

    static final int MAX_PAGE_SIZE = 100;

    private final Orders orders;

    OrderController(Orders orders) {
        this.orders = orders;
    }

    /** Places an order; with an {@code Idempotency-Key}, repeating the request answers the same order. */
    @PostMapping
    ResponseEntity<OrderView> place(
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 100) String idempotencyKey,
            @Valid @RequestBody OrderRequests.PlaceOrder request) {
        OrderView order = orders.place(request, idempotencyKey).order();
        return ResponseEntity.created(URI.create("/api/orders/" + order.orderId())).body(order);
    }

    @GetMapping("/{orderId}")
    OrderView get(@PathVariable UUID orderId) {
        return orders.get(orderId);
    }

    /** A customer's orders, newest first. */
    @GetMapping
    OrderPage list(@RequestParam @NotBlank @Size(max = Bounds.CUSTOMER_ID) String customerId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
        return orders.list(customerId, page, size);
    }

    /** 202: the order is CANCELLED, or CANCELLING until shipping confirms; 409 once shipped or already ended. */
    @PostMapping("/{orderId}/cancel")
    ResponseEntity<OrderView> cancel(@PathVariable UUID orderId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(orders.cancel(orderId));
    }

    /** Server-sent events ({@code status}) of the order's status: the current one at once, then each change. */
    @GetMapping(path = "/{orderId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable UUID orderId) {
        return orders.stream(orderId);
    }
}

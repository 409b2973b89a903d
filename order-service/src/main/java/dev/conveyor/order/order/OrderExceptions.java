package dev.conveyor.order.order;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The storefront's requests that cannot be served; {@link OrderProblems} maps each to a problem detail. */
final class OrderExceptions {

    private OrderExceptions() {
    }

    static final class OrderNotFound extends RuntimeException {
        OrderNotFound(UUID orderId) {
            super("Order " + orderId + " does not exist");
        }
    }

    static final class CancelRefused extends RuntimeException {
        CancelRefused(UUID orderId, OrderStatus status) {
            super("Order " + orderId + " is " + status + " and can no longer be cancelled");
        }
    }

    static final class UnknownSkus extends RuntimeException {
        private final List<String> skus;

        UnknownSkus(Collection<String> skus) {
            super("Unknown skus, not in the catalogue: " + String.join(", ", skus));
            this.skus = List.copyOf(skus);
        }

        List<String> skus() {
            return skus;
        }
    }

    static final class DuplicateSkus extends RuntimeException {
        DuplicateSkus(Collection<String> skus) {
            super("Each sku may appear only once in items; repeated: " + String.join(", ", skus));
        }
    }

    static final class IdempotencyKeyReused extends RuntimeException {
        IdempotencyKeyReused(String key) {
            super("Idempotency-Key " + key + " was already used with a different request body");
        }
    }

    /** A new order refused because the service is behind: the client should come back after {@code retryAfter}. */
    static final class Overloaded extends RuntimeException {
        private final Duration retryAfter;

        Overloaded(Duration retryAfter) {
            super("The service is taking no new orders just now: too many are still in progress", null, false, false);
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }

    /** A stream refused because its customer, or this instance, has as many open as allowed ({@link StreamSettings}). */
    static final class TooManyStreams extends RuntimeException {
        private final Duration retryAfter;

        TooManyStreams(String reason, Duration retryAfter) {
            super(reason, null, false, false);
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }
}

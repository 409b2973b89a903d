package dev.conveyor.order.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.conveyor.events.Money;

/** What the storefront reads. */
final class OrderViews {

    private OrderViews() {
    }

    record OrderView(UUID orderId, String customerId, OrderStatus status, CancellationReason cancellationReason,
            List<ItemView> items, Money total, ShipmentView shipment, List<HistoryView> history, Instant createdAt,
            Instant updatedAt) {

        static OrderView of(Order order) {
            ShipmentView shipment = order.shipmentId() == null ? null
                    : new ShipmentView(order.shipmentId(), order.carrier(), order.trackingNumber());
            return new OrderView(order.id(), order.customerId(), order.status(), order.cancellationReason(),
                    order.lines().stream().map(ItemView::of).toList(), order.total(), shipment,
                    order.history().stream().map(HistoryView::of).toList(), order.createdAt(), order.updatedAt());
        }
    }

    record ItemView(String sku, String name, int quantity, Money unitPrice, Money lineTotal) {

        static ItemView of(OrderLine line) {
            return new ItemView(line.sku(), line.name(), line.quantity(), line.unitPrice(), line.lineTotal());
        }
    }

    record ShipmentView(UUID shipmentId, String carrier, String trackingNumber) {
    }

    record HistoryView(OrderStatus status, Instant at, String reason) {

        static HistoryView of(StatusChange change) {
            return new HistoryView(change.status(), change.at(), change.reason());
        }
    }

    record OrderSummary(UUID orderId, OrderStatus status, CancellationReason cancellationReason, Money total,
            Instant createdAt, Instant updatedAt) {

        static OrderSummary of(Order order) {
            return new OrderSummary(order.id(), order.status(), order.cancellationReason(), order.total(),
                    order.createdAt(), order.updatedAt());
        }
    }

    /** One server-sent event of {@code /api/orders/{id}/stream}. */
    record StatusView(UUID orderId, OrderStatus status, CancellationReason cancellationReason, Instant at) {

        static StatusView of(OrderStatusChanged change) {
            return new StatusView(change.orderId(), change.status(), change.cancellationReason(), change.at());
        }
    }
}

package dev.conveyor.order.order;

import java.time.Instant;

import dev.conveyor.events.Message;
import dev.conveyor.events.inventory.CommitStock;
import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.events.order.OrderCancelled;
import dev.conveyor.events.order.OrderConfirmed;
import dev.conveyor.events.order.OrderDelivered;
import dev.conveyor.events.order.OrderItem;
import dev.conveyor.events.order.OrderPlaced;
import dev.conveyor.events.order.OrderShipped;
import dev.conveyor.events.payment.AuthorizePayment;
import dev.conveyor.events.payment.CapturePayment;
import dev.conveyor.events.payment.VoidPayment;
import dev.conveyor.events.shipping.CancelShipment;
import dev.conveyor.events.shipping.ScheduleShipment;
import dev.conveyor.events.shipping.ShipmentLine;

/** Builds the contract records of the saga's commands and events from the order and its saga progress. */
final class OrderMessages {

    private OrderMessages() {
    }

    static Message command(SagaCommand command, Order order, SagaProgress saga) {
        return switch (command) {
            case RESERVE_STOCK -> new ReserveStock(order.id(),
                    order.lines().stream().map(line -> new StockLine(line.sku(), line.quantity())).toList());
            case RELEASE_STOCK -> new ReleaseStock(order.id());
            case COMMIT_STOCK -> new CommitStock(order.id());
            case AUTHORIZE_PAYMENT -> new AuthorizePayment(order.id(), order.total(), saga.cardToken());
            case CAPTURE_PAYMENT -> new CapturePayment(order.id());
            case VOID_PAYMENT -> new VoidPayment(order.id());
            case SCHEDULE_SHIPMENT -> new ScheduleShipment(order.id(), order.shippingAddress().toContract(),
                    order.lines().stream().map(line -> new ShipmentLine(line.sku(), line.quantity())).toList());
            case CANCEL_SHIPMENT -> new CancelShipment(order.id());
        };
    }

    static Message event(SagaEvent event, Order order, Instant at) {
        return switch (event) {
            case ORDER_PLACED -> new OrderPlaced(order.id(), order.customerId(), order.lines().stream()
                    .map(line -> new OrderItem(line.sku(), line.name(), line.quantity(), line.unitPrice())).toList(),
                    order.total(), order.createdAt());
            case ORDER_CONFIRMED -> new OrderConfirmed(order.id(), order.customerId(), order.total(), at);
            case ORDER_CANCELLED -> new OrderCancelled(order.id(), order.customerId(),
                    order.cancellationReason().name(), at);
            case ORDER_SHIPPED -> new OrderShipped(order.id(), order.customerId(), order.shipmentId(), order.carrier(),
                    order.trackingNumber(), at);
            case ORDER_DELIVERED -> new OrderDelivered(order.id(), order.customerId(), order.shipmentId(), at);
        };
    }
}

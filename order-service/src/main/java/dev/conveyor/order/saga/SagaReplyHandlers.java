package dev.conveyor.order.saga;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.conveyor.events.inventory.StockCommitted;
import dev.conveyor.events.inventory.StockReleased;
import dev.conveyor.events.inventory.StockReservationRejected;
import dev.conveyor.events.inventory.StockReserved;
import dev.conveyor.events.payment.PaymentAuthorized;
import dev.conveyor.events.payment.PaymentCaptureRejected;
import dev.conveyor.events.payment.PaymentCaptured;
import dev.conveyor.events.payment.PaymentDeclined;
import dev.conveyor.events.payment.PaymentVoidRejected;
import dev.conveyor.events.payment.PaymentVoided;
import dev.conveyor.events.shipping.ShipmentCancellationRejected;
import dev.conveyor.events.shipping.ShipmentCancelled;
import dev.conveyor.events.shipping.ShipmentDelivered;
import dev.conveyor.events.shipping.ShipmentDispatched;
import dev.conveyor.events.shipping.ShipmentScheduled;
import dev.conveyor.messaging.MessageHandler;
import dev.conveyor.order.order.Orders;
import dev.conveyor.order.order.Trigger;

/**
 * Translates the participants' replies into saga triggers carrying their facts, and hands them to {@link Orders};
 * each runs in one transaction with its inbox row and the messages it causes. Every reply type of inventory, payment
 * and shipping that concerns an order is handled here; {@code StockAdjusted} (stock levels, not a reply) is
 * deliberately not consumed, see {@link Trigger}.
 */
@Component
class SagaReplyHandlers {

    private static final Logger log = LoggerFactory.getLogger(SagaReplyHandlers.class);

    private final Orders orders;

    SagaReplyHandlers(Orders orders) {
        this.orders = orders;
    }

    @MessageHandler
    void on(StockReserved event) {
        orders.apply(event.orderId(), new Trigger.StockReserved());
    }

    @MessageHandler
    void on(StockReservationRejected event) {
        log.debug("Order {}: stock reservation rejected ({})", event.orderId(), event.reason());
        orders.apply(event.orderId(), new Trigger.StockReservationRejected());
    }

    @MessageHandler
    void on(StockReleased event) {
        orders.apply(event.orderId(), new Trigger.StockReleased());
    }

    @MessageHandler
    void on(StockCommitted event) {
        orders.apply(event.orderId(), new Trigger.StockCommitted());
    }

    @MessageHandler
    void on(PaymentAuthorized event) {
        orders.apply(event.orderId(), new Trigger.PaymentAuthorized(event.paymentId()));
    }

    @MessageHandler
    void on(PaymentDeclined event) {
        log.debug("Order {}: payment declined ({})", event.orderId(), event.reason());
        orders.apply(event.orderId(), new Trigger.PaymentDeclined());
    }

    @MessageHandler
    void on(PaymentCaptured event) {
        orders.apply(event.orderId(), new Trigger.PaymentCaptured());
    }

    @MessageHandler
    void on(PaymentCaptureRejected event) {
        log.error("Order {}: capture of payment {} rejected ({})", event.orderId(), event.paymentId(), event.reason());
        orders.apply(event.orderId(), new Trigger.PaymentCaptureRejected());
    }

    @MessageHandler
    void on(PaymentVoided event) {
        orders.apply(event.orderId(), new Trigger.PaymentVoided());
    }

    @MessageHandler
    void on(PaymentVoidRejected event) {
        log.error("Order {}: void of payment {} rejected ({})", event.orderId(), event.paymentId(), event.reason());
        orders.apply(event.orderId(), new Trigger.PaymentVoidRejected());
    }

    @MessageHandler
    void on(ShipmentScheduled event) {
        orders.apply(event.orderId(), new Trigger.ShipmentScheduled(event.shipmentId()));
    }

    @MessageHandler
    void on(ShipmentDispatched event) {
        orders.apply(event.orderId(),
                new Trigger.ShipmentDispatched(event.shipmentId(), event.carrier(), event.trackingNumber()));
    }

    @MessageHandler
    void on(ShipmentDelivered event) {
        orders.apply(event.orderId(), new Trigger.ShipmentDelivered(event.shipmentId()));
    }

    @MessageHandler
    void on(ShipmentCancelled event) {
        orders.apply(event.orderId(), new Trigger.ShipmentCancelled());
    }

    @MessageHandler
    void on(ShipmentCancellationRejected event) {
        log.debug("Order {}: shipment cancellation rejected ({})", event.orderId(), event.reason());
        orders.apply(event.orderId(), new Trigger.ShipmentCancellationRejected(event.shipmentId()));
    }
}

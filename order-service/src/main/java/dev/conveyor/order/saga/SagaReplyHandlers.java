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

/**
 * Translates the participants' replies into saga triggers; each runs in one transaction with its inbox row and the
 * messages it causes. Every reply type of inventory, payment and shipping that concerns an order is handled here;
 * {@code StockAdjusted} (stock levels, not a reply) is deliberately not consumed, see {@link Trigger}.
 */
@Component
class SagaReplyHandlers {

    private static final Logger log = LoggerFactory.getLogger(SagaReplyHandlers.class);

    private final Fulfilment fulfilment;

    SagaReplyHandlers(Fulfilment fulfilment) {
        this.fulfilment = fulfilment;
    }

    @MessageHandler
    void on(StockReserved event) {
        fulfilment.handle(event.orderId(), Trigger.STOCK_RESERVED);
    }

    @MessageHandler
    void on(StockReservationRejected event) {
        log.info("Order {}: stock reservation rejected ({})", event.orderId(), event.reason());
        fulfilment.handle(event.orderId(), Trigger.STOCK_RESERVATION_REJECTED);
    }

    @MessageHandler
    void on(StockReleased event) {
        fulfilment.handle(event.orderId(), Trigger.STOCK_RELEASED);
    }

    @MessageHandler
    void on(StockCommitted event) {
        fulfilment.handle(event.orderId(), Trigger.STOCK_COMMITTED);
    }

    @MessageHandler
    void on(PaymentAuthorized event) {
        fulfilment.handle(event.orderId(), Trigger.PAYMENT_AUTHORIZED, (order, saga) -> saga.notePayment(event.paymentId()));
    }

    @MessageHandler
    void on(PaymentDeclined event) {
        log.info("Order {}: payment declined ({})", event.orderId(), event.reason());
        fulfilment.handle(event.orderId(), Trigger.PAYMENT_DECLINED);
    }

    @MessageHandler
    void on(PaymentCaptured event) {
        fulfilment.handle(event.orderId(), Trigger.PAYMENT_CAPTURED);
    }

    @MessageHandler
    void on(PaymentCaptureRejected event) {
        log.error("Order {}: capture of payment {} rejected ({})", event.orderId(), event.paymentId(), event.reason());
        fulfilment.handle(event.orderId(), Trigger.PAYMENT_CAPTURE_REJECTED);
    }

    @MessageHandler
    void on(PaymentVoided event) {
        fulfilment.handle(event.orderId(), Trigger.PAYMENT_VOIDED);
    }

    @MessageHandler
    void on(PaymentVoidRejected event) {
        log.error("Order {}: void of payment {} rejected ({})", event.orderId(), event.paymentId(), event.reason());
        fulfilment.handle(event.orderId(), Trigger.PAYMENT_VOID_REJECTED);
    }

    @MessageHandler
    void on(ShipmentScheduled event) {
        fulfilment.handle(event.orderId(), Trigger.SHIPMENT_SCHEDULED, (order, saga) -> {
            order.recordShipment(event.shipmentId());
            saga.noteShipmentScheduled();
        });
    }

    @MessageHandler
    void on(ShipmentDispatched event) {
        fulfilment.handle(event.orderId(), Trigger.SHIPMENT_DISPATCHED, (order, saga) -> order.recordDispatch(
                event.shipmentId(), event.carrier(), event.trackingNumber()));
    }

    @MessageHandler
    void on(ShipmentDelivered event) {
        fulfilment.handle(event.orderId(), Trigger.SHIPMENT_DELIVERED,
                (order, saga) -> order.recordShipment(event.shipmentId()));
    }

    @MessageHandler
    void on(ShipmentCancelled event) {
        fulfilment.handle(event.orderId(), Trigger.SHIPMENT_CANCELLED);
    }

    @MessageHandler
    void on(ShipmentCancellationRejected event) {
        log.info("Order {}: shipment cancellation rejected ({})", event.orderId(), event.reason());
        fulfilment.handle(event.orderId(), Trigger.SHIPMENT_CANCELLATION_REJECTED,
                (order, saga) -> order.recordShipment(event.shipmentId()));
    }
}

package dev.conveyor.events;

import dev.conveyor.events.inventory.CommitStock;
import dev.conveyor.events.inventory.ProductPriceChanged;
import dev.conveyor.events.inventory.ProductRegistered;
import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockAdjusted;
import dev.conveyor.events.inventory.StockCommitted;
import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.events.inventory.StockReleased;
import dev.conveyor.events.inventory.StockReservationRejected;
import dev.conveyor.events.inventory.StockReserved;
import dev.conveyor.events.inventory.StockShortage;
import dev.conveyor.events.order.OrderCancelled;
import dev.conveyor.events.order.OrderConfirmed;
import dev.conveyor.events.order.OrderDelivered;
import dev.conveyor.events.order.OrderItem;
import dev.conveyor.events.order.OrderPlaced;
import dev.conveyor.events.order.OrderShipped;
import dev.conveyor.events.payment.AuthorizePayment;
import dev.conveyor.events.payment.CapturePayment;
import dev.conveyor.events.payment.PaymentAuthorized;
import dev.conveyor.events.payment.PaymentCaptureRejected;
import dev.conveyor.events.payment.PaymentCaptured;
import dev.conveyor.events.payment.PaymentDeclined;
import dev.conveyor.events.payment.PaymentVoidRejected;
import dev.conveyor.events.payment.PaymentVoided;
import dev.conveyor.events.payment.VoidPayment;
import dev.conveyor.events.shipping.Address;
import dev.conveyor.events.shipping.CancelShipment;
import dev.conveyor.events.shipping.ScheduleShipment;
import dev.conveyor.events.shipping.ShipmentCancellationRejected;
import dev.conveyor.events.shipping.ShipmentCancelled;
import dev.conveyor.events.shipping.ShipmentDelivered;
import dev.conveyor.events.shipping.ShipmentDispatched;
import dev.conveyor.events.shipping.ShipmentLine;
import dev.conveyor.events.shipping.ShipmentScheduled;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Object Mother: one realistic instance of every message type, plus instances with their optional parts left out. */
final class SampleMessages {

    static final UUID ORDER_ID = UUID.fromString("3f0c2a58-6a1e-4c3b-9d1e-5b7f0e2a9c41");
    static final UUID PAYMENT_ID = UUID.fromString("9b2d7c1e-0f4a-4e8b-a6d3-2c5e8f1b7a90");
    static final UUID SHIPMENT_ID = UUID.fromString("c7e4b9a2-1d3f-4a6c-8e5b-0f2d9c7a3e18");
    static final String CUSTOMER_ID = "customer-4711";
    static final String MUG = "MUG-BLUE-350";
    static final String TEE = "TEE-BLACK-M";
    static final Instant PLACED_AT = Instant.parse("2026-03-02T09:15:30.123Z");

    private static final Money MUG_PRICE = new Money("12.50", "EUR");
    private static final Money TEE_PRICE = new Money("19.99", "EUR");
    private static final Money TOTAL = MUG_PRICE.times(2).plus(TEE_PRICE);
    private static final List<StockLine> STOCK_LINES = List.of(new StockLine(MUG, 2), new StockLine(TEE, 1));
    private static final Address ADDRESS =
            new Address("Ada Lovelace", "Hauptstraße 12", "3. OG", "Berlin", "10115", "DE");

    private SampleMessages() {
    }

    static OrderPlaced orderPlaced() {
        return new OrderPlaced(ORDER_ID, CUSTOMER_ID,
                List.of(new OrderItem(MUG, "Blue mug 350 ml", 2, MUG_PRICE),
                        new OrderItem(TEE, "Black tee M", 1, TEE_PRICE)),
                TOTAL, PLACED_AT);
    }

    static AuthorizePayment authorizePayment() {
        return new AuthorizePayment(ORDER_ID, TOTAL, "tok_visa_4242424242");
    }

    /** One instance of every registered message type, in registration order. */
    static List<Message> all() {
        return List.of(
                orderPlaced(),
                new OrderConfirmed(ORDER_ID, CUSTOMER_ID, TOTAL, at(5)),
                new OrderCancelled(ORDER_ID, CUSTOMER_ID, OrderCancelled.PAYMENT_DECLINED, at(6)),
                new OrderShipped(ORDER_ID, CUSTOMER_ID, SHIPMENT_ID, "DHL", "JD014600003828", at(3_600)),
                new OrderDelivered(ORDER_ID, CUSTOMER_ID, SHIPMENT_ID, at(86_400)),
                new ReserveStock(ORDER_ID, STOCK_LINES),
                new ReleaseStock(ORDER_ID),
                new CommitStock(ORDER_ID),
                new StockReserved(ORDER_ID, STOCK_LINES),
                new StockReservationRejected(ORDER_ID, StockReservationRejected.INSUFFICIENT_STOCK,
                        List.of(new StockShortage(MUG, 2, 1))),
                new StockReleased(ORDER_ID, STOCK_LINES),
                new StockCommitted(ORDER_ID, STOCK_LINES),
                new ProductRegistered(MUG, "Blue mug 350 ml", MUG_PRICE, at(-86_400)),
                new ProductPriceChanged(MUG, MUG_PRICE, new Money("13.90", "EUR"), 3, at(-3_600)),
                new StockAdjusted(MUG, 40, 2, 38),
                authorizePayment(),
                new CapturePayment(ORDER_ID),
                new VoidPayment(ORDER_ID),
                new PaymentAuthorized(ORDER_ID, PAYMENT_ID, TOTAL, "AUTH-7F3K2Q"),
                new PaymentDeclined(ORDER_ID, PaymentDeclined.INSUFFICIENT_FUNDS),
                new PaymentCaptured(ORDER_ID, PAYMENT_ID, TOTAL),
                new PaymentVoided(ORDER_ID, PAYMENT_ID),
                new PaymentCaptureRejected(ORDER_ID, PAYMENT_ID, PaymentCaptureRejected.PAYMENT_VOIDED),
                new PaymentVoidRejected(ORDER_ID, PAYMENT_ID, PaymentVoidRejected.PAYMENT_CAPTURED),
                new ScheduleShipment(ORDER_ID, ADDRESS, List.of(new ShipmentLine(MUG, 2), new ShipmentLine(TEE, 1))),
                new CancelShipment(ORDER_ID),
                new ShipmentScheduled(ORDER_ID, SHIPMENT_ID),
                new ShipmentDispatched(ORDER_ID, SHIPMENT_ID, "DHL", "JD014600003828", at(3_600)),
                new ShipmentDelivered(ORDER_ID, SHIPMENT_ID, at(86_400)),
                new ShipmentCancelled(ORDER_ID, SHIPMENT_ID),
                new ShipmentCancellationRejected(ORDER_ID, SHIPMENT_ID,
                        ShipmentCancellationRejected.ALREADY_DISPATCHED));
    }

    /** Messages whose nullable fields are null and whose optional lists are empty. */
    static List<Message> withOptionalPartsLeftOut() {
        return List.of(
                new StockReservationRejected(ORDER_ID, StockReservationRejected.RESERVATION_RELEASED, List.of()),
                new StockReleased(ORDER_ID, List.of()),
                new PaymentVoided(ORDER_ID, null),
                new PaymentCaptureRejected(ORDER_ID, null, PaymentCaptureRejected.NOT_AUTHORIZED),
                new PaymentVoidRejected(ORDER_ID, null, PaymentVoidRejected.NOT_AUTHORIZED),
                new ShipmentCancelled(ORDER_ID, null),
                new ScheduleShipment(ORDER_ID,
                        new Address("Ada Lovelace", "1 Main Street", null, "London", "N1 9GU", "GB"),
                        List.of(new ShipmentLine(TEE, 1))));
    }

    private static Instant at(long secondsAfterPlacement) {
        return PLACED_AT.plusSeconds(secondsAfterPlacement);
    }
}

package dev.conveyor.events;

import dev.conveyor.events.inventory.CommitStock;
import dev.conveyor.events.inventory.ProductPriceChanged;
import dev.conveyor.events.inventory.ProductRegistered;
import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockAdjusted;
import dev.conveyor.events.inventory.StockCommitted;
import dev.conveyor.events.inventory.StockReleased;
import dev.conveyor.events.inventory.StockReservationRejected;
import dev.conveyor.events.inventory.StockReserved;
import dev.conveyor.events.order.OrderCancelled;
import dev.conveyor.events.order.OrderConfirmed;
import dev.conveyor.events.order.OrderDelivered;
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
import dev.conveyor.events.shipping.CancelShipment;
import dev.conveyor.events.shipping.ScheduleShipment;
import dev.conveyor.events.shipping.ShipmentCancellationRejected;
import dev.conveyor.events.shipping.ShipmentCancelled;
import dev.conveyor.events.shipping.ShipmentDelivered;
import dev.conveyor.events.shipping.ShipmentDispatched;
import dev.conveyor.events.shipping.ShipmentScheduled;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry of every published message type: how a record maps to its CloudEvents type, topic and source.
 *
 * <p>The CloudEvents types are spelled out rather than derived from class names, so renaming a record cannot
 * silently change the published contract.
 */
public final class MessageTypes {

    private static final String ORDER_SERVICE = "/order-service";
    private static final String INVENTORY_SERVICE = "/inventory-service";
    private static final String PAYMENT_SERVICE = "/payment-service";
    private static final String SHIPPING_SERVICE = "/shipping-service";

    // The aggregates whose message streams the types belong to: the outbox's aggregate type.
    private static final String ORDER = "order";
    private static final String INVENTORY = "inventory";
    private static final String PAYMENT = "payment";
    private static final String SHIPPING = "shipping";

    // order: events on Topics.ORDERS_EVENTS, written by the order service
    public static final MessageType<OrderPlaced> ORDER_PLACED = new MessageType<>(
            "dev.conveyor.order.OrderPlaced.v1", OrderPlaced.class,
            Topics.ORDERS_EVENTS, ORDER_SERVICE, ORDER);
    public static final MessageType<OrderConfirmed> ORDER_CONFIRMED = new MessageType<>(
            "dev.conveyor.order.OrderConfirmed.v1", OrderConfirmed.class,
            Topics.ORDERS_EVENTS, ORDER_SERVICE, ORDER);
    public static final MessageType<OrderCancelled> ORDER_CANCELLED = new MessageType<>(
            "dev.conveyor.order.OrderCancelled.v1", OrderCancelled.class,
            Topics.ORDERS_EVENTS, ORDER_SERVICE, ORDER);
    public static final MessageType<OrderShipped> ORDER_SHIPPED = new MessageType<>(
            "dev.conveyor.order.OrderShipped.v1", OrderShipped.class,
            Topics.ORDERS_EVENTS, ORDER_SERVICE, ORDER);
    public static final MessageType<OrderDelivered> ORDER_DELIVERED = new MessageType<>(
            "dev.conveyor.order.OrderDelivered.v1", OrderDelivered.class,
            Topics.ORDERS_EVENTS, ORDER_SERVICE, ORDER);

    // inventory: commands on Topics.INVENTORY_COMMANDS, written by the order service
    public static final MessageType<ReserveStock> RESERVE_STOCK = new MessageType<>(
            "dev.conveyor.inventory.ReserveStock.v1", ReserveStock.class,
            Topics.INVENTORY_COMMANDS, ORDER_SERVICE, INVENTORY);
    public static final MessageType<ReleaseStock> RELEASE_STOCK = new MessageType<>(
            "dev.conveyor.inventory.ReleaseStock.v1", ReleaseStock.class,
            Topics.INVENTORY_COMMANDS, ORDER_SERVICE, INVENTORY);
    public static final MessageType<CommitStock> COMMIT_STOCK = new MessageType<>(
            "dev.conveyor.inventory.CommitStock.v1", CommitStock.class,
            Topics.INVENTORY_COMMANDS, ORDER_SERVICE, INVENTORY);

    // inventory: events on Topics.INVENTORY_EVENTS, written by the inventory service
    public static final MessageType<StockReserved> STOCK_RESERVED = new MessageType<>(
            "dev.conveyor.inventory.StockReserved.v1", StockReserved.class,
            Topics.INVENTORY_EVENTS, INVENTORY_SERVICE, INVENTORY);
    public static final MessageType<StockReservationRejected> STOCK_RESERVATION_REJECTED = new MessageType<>(
            "dev.conveyor.inventory.StockReservationRejected.v1", StockReservationRejected.class,
            Topics.INVENTORY_EVENTS, INVENTORY_SERVICE, INVENTORY);
    public static final MessageType<StockReleased> STOCK_RELEASED = new MessageType<>(
            "dev.conveyor.inventory.StockReleased.v1", StockReleased.class,
            Topics.INVENTORY_EVENTS, INVENTORY_SERVICE, INVENTORY);
    public static final MessageType<StockCommitted> STOCK_COMMITTED = new MessageType<>(
            "dev.conveyor.inventory.StockCommitted.v1", StockCommitted.class,
            Topics.INVENTORY_EVENTS, INVENTORY_SERVICE, INVENTORY);
    public static final MessageType<ProductRegistered> PRODUCT_REGISTERED = new MessageType<>(
            "dev.conveyor.inventory.ProductRegistered.v1", ProductRegistered.class,
            Topics.INVENTORY_EVENTS, INVENTORY_SERVICE, INVENTORY);
    public static final MessageType<ProductPriceChanged> PRODUCT_PRICE_CHANGED = new MessageType<>(
            "dev.conveyor.inventory.ProductPriceChanged.v1", ProductPriceChanged.class,
            Topics.INVENTORY_EVENTS, INVENTORY_SERVICE, INVENTORY);
    public static final MessageType<StockAdjusted> STOCK_ADJUSTED = new MessageType<>(
            "dev.conveyor.inventory.StockAdjusted.v1", StockAdjusted.class,
            Topics.INVENTORY_EVENTS, INVENTORY_SERVICE, INVENTORY);

    // payment: commands on Topics.PAYMENTS_COMMANDS, written by the order service
    public static final MessageType<AuthorizePayment> AUTHORIZE_PAYMENT = new MessageType<>(
            "dev.conveyor.payment.AuthorizePayment.v1", AuthorizePayment.class,
            Topics.PAYMENTS_COMMANDS, ORDER_SERVICE, PAYMENT);
    public static final MessageType<CapturePayment> CAPTURE_PAYMENT = new MessageType<>(
            "dev.conveyor.payment.CapturePayment.v1", CapturePayment.class,
            Topics.PAYMENTS_COMMANDS, ORDER_SERVICE, PAYMENT);
    public static final MessageType<VoidPayment> VOID_PAYMENT = new MessageType<>(
            "dev.conveyor.payment.VoidPayment.v1", VoidPayment.class,
            Topics.PAYMENTS_COMMANDS, ORDER_SERVICE, PAYMENT);

    // payment: events on Topics.PAYMENTS_EVENTS, written by the payment service
    public static final MessageType<PaymentAuthorized> PAYMENT_AUTHORIZED = new MessageType<>(
            "dev.conveyor.payment.PaymentAuthorized.v1", PaymentAuthorized.class,
            Topics.PAYMENTS_EVENTS, PAYMENT_SERVICE, PAYMENT);
    public static final MessageType<PaymentDeclined> PAYMENT_DECLINED = new MessageType<>(
            "dev.conveyor.payment.PaymentDeclined.v1", PaymentDeclined.class,
            Topics.PAYMENTS_EVENTS, PAYMENT_SERVICE, PAYMENT);
    public static final MessageType<PaymentCaptured> PAYMENT_CAPTURED = new MessageType<>(
            "dev.conveyor.payment.PaymentCaptured.v1", PaymentCaptured.class,
            Topics.PAYMENTS_EVENTS, PAYMENT_SERVICE, PAYMENT);
    public static final MessageType<PaymentVoided> PAYMENT_VOIDED = new MessageType<>(
            "dev.conveyor.payment.PaymentVoided.v1", PaymentVoided.class,
            Topics.PAYMENTS_EVENTS, PAYMENT_SERVICE, PAYMENT);
    public static final MessageType<PaymentCaptureRejected> PAYMENT_CAPTURE_REJECTED = new MessageType<>(
            "dev.conveyor.payment.PaymentCaptureRejected.v1", PaymentCaptureRejected.class,
            Topics.PAYMENTS_EVENTS, PAYMENT_SERVICE, PAYMENT);
    public static final MessageType<PaymentVoidRejected> PAYMENT_VOID_REJECTED = new MessageType<>(
            "dev.conveyor.payment.PaymentVoidRejected.v1", PaymentVoidRejected.class,
            Topics.PAYMENTS_EVENTS, PAYMENT_SERVICE, PAYMENT);

    // shipping: commands on Topics.SHIPPING_COMMANDS, written by the order service
    public static final MessageType<ScheduleShipment> SCHEDULE_SHIPMENT = new MessageType<>(
            "dev.conveyor.shipping.ScheduleShipment.v1", ScheduleShipment.class,
            Topics.SHIPPING_COMMANDS, ORDER_SERVICE, SHIPPING);
    public static final MessageType<CancelShipment> CANCEL_SHIPMENT = new MessageType<>(
            "dev.conveyor.shipping.CancelShipment.v1", CancelShipment.class,
            Topics.SHIPPING_COMMANDS, ORDER_SERVICE, SHIPPING);

    // shipping: events on Topics.SHIPPING_EVENTS, written by the shipping service
    public static final MessageType<ShipmentScheduled> SHIPMENT_SCHEDULED = new MessageType<>(
            "dev.conveyor.shipping.ShipmentScheduled.v1", ShipmentScheduled.class,
            Topics.SHIPPING_EVENTS, SHIPPING_SERVICE, SHIPPING);
    public static final MessageType<ShipmentDispatched> SHIPMENT_DISPATCHED = new MessageType<>(
            "dev.conveyor.shipping.ShipmentDispatched.v1", ShipmentDispatched.class,
            Topics.SHIPPING_EVENTS, SHIPPING_SERVICE, SHIPPING);
    public static final MessageType<ShipmentDelivered> SHIPMENT_DELIVERED = new MessageType<>(
            "dev.conveyor.shipping.ShipmentDelivered.v1", ShipmentDelivered.class,
            Topics.SHIPPING_EVENTS, SHIPPING_SERVICE, SHIPPING);
    public static final MessageType<ShipmentCancelled> SHIPMENT_CANCELLED = new MessageType<>(
            "dev.conveyor.shipping.ShipmentCancelled.v1", ShipmentCancelled.class,
            Topics.SHIPPING_EVENTS, SHIPPING_SERVICE, SHIPPING);
    public static final MessageType<ShipmentCancellationRejected> SHIPMENT_CANCELLATION_REJECTED = new MessageType<>(
            "dev.conveyor.shipping.ShipmentCancellationRejected.v1", ShipmentCancellationRejected.class,
            Topics.SHIPPING_EVENTS, SHIPPING_SERVICE, SHIPPING);

    private static final List<MessageType<?>> ALL = List.of(
            ORDER_PLACED, ORDER_CONFIRMED, ORDER_CANCELLED, ORDER_SHIPPED, ORDER_DELIVERED, RESERVE_STOCK,
            RELEASE_STOCK, COMMIT_STOCK, STOCK_RESERVED, STOCK_RESERVATION_REJECTED, STOCK_RELEASED, STOCK_COMMITTED,
            PRODUCT_REGISTERED, PRODUCT_PRICE_CHANGED, STOCK_ADJUSTED, AUTHORIZE_PAYMENT, CAPTURE_PAYMENT,
            VOID_PAYMENT, PAYMENT_AUTHORIZED, PAYMENT_DECLINED, PAYMENT_CAPTURED, PAYMENT_VOIDED,
            PAYMENT_CAPTURE_REJECTED, PAYMENT_VOID_REJECTED, SCHEDULE_SHIPMENT, CANCEL_SHIPMENT, SHIPMENT_SCHEDULED,
            SHIPMENT_DISPATCHED, SHIPMENT_DELIVERED, SHIPMENT_CANCELLED, SHIPMENT_CANCELLATION_REJECTED);

    private static final Map<Class<?>, MessageType<?>> BY_JAVA_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(MessageType::javaType, Function.identity()));

    private MessageTypes() {
    }

    public static List<MessageType<?>> all() {
        return ALL;
    }

    /** The registered type of a message record; throws {@link IllegalArgumentException} for an unregistered class. */
    @SuppressWarnings("unchecked") // BY_JAVA_TYPE maps each class to the MessageType of that same class
    public static <T extends Message> MessageType<T> of(Class<T> javaType) {
        MessageType<?> type = BY_JAVA_TYPE.get(javaType);
        if (type == null) {
            throw new IllegalArgumentException(javaType.getName()
                    + " is not a registered message type: add it to " + MessageTypes.class.getName());
        }
        return (MessageType<T>) type;
    }

    /** The topics a service writes, named by its CloudEvents source (e.g. {@code /order-service}). */
    public static Set<String> topicsWrittenBy(String source) {
        return ALL.stream().filter(type -> type.source().equals(source)).map(MessageType::topic)
            .collect(Collectors.toCollection(TreeSet::new));
    }
}

package dev.conveyor.order.saga;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.events.Message;
import dev.conveyor.events.Money;
import dev.conveyor.events.inventory.CommitStock;
import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.events.inventory.StockReleased;
import dev.conveyor.events.inventory.StockReservationRejected;
import dev.conveyor.events.inventory.StockReserved;
import dev.conveyor.events.inventory.StockShortage;
import dev.conveyor.events.order.OrderCancelled;
import dev.conveyor.events.order.OrderConfirmed;
import dev.conveyor.events.order.OrderDelivered;
import dev.conveyor.events.order.OrderShipped;
import dev.conveyor.events.payment.AuthorizePayment;
import dev.conveyor.events.payment.CapturePayment;
import dev.conveyor.events.payment.PaymentAuthorized;
import dev.conveyor.events.payment.PaymentDeclined;
import dev.conveyor.events.payment.VoidPayment;
import dev.conveyor.events.shipping.CancelShipment;
import dev.conveyor.events.shipping.ScheduleShipment;
import dev.conveyor.events.shipping.ShipmentCancellationRejected;
import dev.conveyor.events.shipping.ShipmentCancelled;
import dev.conveyor.events.shipping.ShipmentDelivered;
import dev.conveyor.events.shipping.ShipmentDispatched;
import dev.conveyor.events.shipping.ShipmentLine;
import dev.conveyor.events.shipping.ShipmentScheduled;
import dev.conveyor.order.OrderRequestMother;
import dev.conveyor.order.Storefront;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every path of the fulfilment saga on real PostgreSQL and Kafka: the test plays inventory, payment and shipping by
 * publishing their events on their topics and awaits the commands and events the order service sends. "Nothing
 * else was sent" is checked on the topics once the service's outbox is sent (its rows are written in the same
 * transaction as each reply's inbox row), each message counted once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class FulfilmentSagaIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageBus bus;

    Storefront storefront;

    String sku;

    @BeforeEach
    void connect() {
        storefront = new Storefront(port);
        sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        storefront.seedProduct(bus, sku, "20.00", "EUR");
    }

    @Test
    void fulfilsAnOrderFromPlacedToDelivered() {
        UUID orderId = placed();

        bus.send(new StockReserved(orderId, List.of(new StockLine(sku, 2))));
        AuthorizePayment authorize = bus.await(AuthorizePayment.class, command -> command.orderId().equals(orderId));
        assertThat(authorize.amount()).isEqualTo(new Money("40.00", "EUR"));
        assertThat(authorize.cardToken()).isEqualTo(OrderRequestMother.CARD_TOKEN);
        storefront.awaitStatus(orderId, "STOCK_RESERVED");

        UUID paymentId = UUID.randomUUID();
        bus.send(new PaymentAuthorized(orderId, paymentId, authorize.amount(), "AUTH-1"));
        ScheduleShipment schedule = bus.await(ScheduleShipment.class, command -> command.orderId().equals(orderId));
        assertThat(schedule.lines()).containsExactly(new ShipmentLine(sku, 2));
        assertThat(schedule.address().country()).isEqualTo("GB");
        OrderConfirmed confirmed = bus.await(OrderConfirmed.class, event -> event.orderId().equals(orderId));
        assertThat(confirmed.total()).isEqualTo(new Money("40.00", "EUR"));
        storefront.awaitStatus(orderId, "CONFIRMED");
        assertThat(cardTokenOf(orderId)).as("the card token is forgotten once the payment step is over").isNull();

        UUID shipmentId = UUID.randomUUID();
        UUID scheduled = bus.send(new ShipmentScheduled(orderId, shipmentId));
        awaitProcessed(scheduled);
        assertThat(storefront.order(orderId).get("shipment")).asString().contains(shipmentId.toString());

        bus.send(new ShipmentDispatched(orderId, shipmentId, "DHL", "TRACK-1", Instant.now()));
        bus.await(CapturePayment.class, command -> command.orderId().equals(orderId));
        bus.await(CommitStock.class, command -> command.orderId().equals(orderId));
        OrderShipped shipped = bus.await(OrderShipped.class, event -> event.orderId().equals(orderId));
        assertThat(shipped.trackingNumber()).isEqualTo("TRACK-1");
        storefront.awaitStatus(orderId, "SHIPPED");

        bus.send(new ShipmentDelivered(orderId, shipmentId, Instant.now()));
        bus.await(OrderDelivered.class, event -> event.orderId().equals(orderId));
        storefront.awaitStatus(orderId, "DELIVERED");

        Map<String, Object> order = storefront.order(orderId);
        assertThat(order.get("shipment")).isEqualTo(Map.of("shipmentId", shipmentId.toString(), "carrier", "DHL",
                "trackingNumber", "TRACK-1"));
        assertThat(statuses(order)).containsExactly("PLACED", "STOCK_RESERVED", "CONFIRMED", "SHIPPED", "DELIVERED");
        assertThat(sent(orderId, ReleaseStock.class) + sent(orderId, VoidPayment.class)).isZero();
    }

    @Test
    void takesADeliveryReportedBeforeItsDispatchAsBothAndKeepsTheCarrierThatComesLater() {
        UUID orderId = confirmed();
        UUID shipmentId = UUID.randomUUID();

        UUID delivered = bus.send(new ShipmentDelivered(orderId, shipmentId, Instant.now()));
        awaitProcessed(delivered);
        storefront.awaitStatus(orderId, "DELIVERED");
        bus.await(CapturePayment.class, command -> command.orderId().equals(orderId));
        bus.await(CommitStock.class, command -> command.orderId().equals(orderId));
        bus.await(OrderDelivered.class, event -> event.orderId().equals(orderId));
        UUID dispatched = bus.send(new ShipmentDispatched(orderId, shipmentId, "DHL", "TRACK-LATE", Instant.now()));
        awaitProcessed(dispatched);

        Map<String, Object> order = storefront.order(orderId);
        assertThat(order.get("status")).isEqualTo("DELIVERED");
        assertThat(order.get("shipment")).isEqualTo(Map.of("shipmentId", shipmentId.toString(), "carrier", "DHL",
                "trackingNumber", "TRACK-LATE"));
        assertThat(sent(orderId, CapturePayment.class)).as("captured once").isOne();
        assertThat(sent(orderId, CommitStock.class)).as("committed once").isOne();
    }

    @Test
    void cancelsAnOrderInventoryCannotReserve() {
        UUID orderId = placed();

        bus.send(new StockReservationRejected(orderId, StockReservationRejected.INSUFFICIENT_STOCK,
                List.of(new StockShortage(sku, 2, 1))));

        OrderCancelled cancelled = bus.await(OrderCancelled.class, event -> event.orderId().equals(orderId));
        assertThat(cancelled.reason()).isEqualTo(OrderCancelled.OUT_OF_STOCK);
        storefront.awaitStatus(orderId, "CANCELLED");
        assertThat(storefront.order(orderId)).containsEntry("cancellationReason", "OUT_OF_STOCK");
        assertThat(sent(orderId, AuthorizePayment.class)).isZero();
        assertThat(sent(orderId, ReleaseStock.class)).as("nothing was reserved").isZero();
    }

    @Test
    void cancelsAndReleasesTheStockWhenThePaymentIsDeclined() {
        UUID orderId = stockReserved();

        bus.send(new PaymentDeclined(orderId, PaymentDeclined.CARD_DECLINED));

        bus.await(ReleaseStock.class, command -> command.orderId().equals(orderId));
        OrderCancelled cancelled = bus.await(OrderCancelled.class, event -> event.orderId().equals(orderId));
        assertThat(cancelled.reason()).isEqualTo(OrderCancelled.PAYMENT_DECLINED);
        storefront.awaitStatus(orderId, "CANCELLED");
        assertThat(sent(orderId, VoidPayment.class)).isZero();
        assertThat(sent(orderId, ScheduleShipment.class)).isZero();
        assertThat(cardTokenOf(orderId)).isNull();
    }

    @Test
    void customerCancelsAPlacedOrderAndALateReservationIsReleased() {
        UUID orderId = placed();

        ResponseEntity<Map<String, Object>> response = storefront.cancel(orderId);

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        assertThat(response.getBody()).containsEntry("status", "CANCELLED")
                .containsEntry("cancellationReason", "CUSTOMER_CANCELLED");
        bus.await(ReleaseStock.class, command -> command.orderId().equals(orderId));
        bus.await(OrderCancelled.class, event -> event.orderId().equals(orderId));
        assertThat(sent(orderId, VoidPayment.class)).as("no payment was requested").isZero();

        UUID late = bus.send(new StockReserved(orderId, List.of(new StockLine(sku, 2))));
        awaitProcessed(late);

        assertThat(sent(orderId, ReleaseStock.class)).as("the late reservation is released").isEqualTo(2);
        assertThat(sent(orderId, AuthorizePayment.class)).isZero();
        assertThat(storefront.status(orderId)).isEqualTo("CANCELLED");
    }

    @Test
    void customerCancelsAnOrderWhosePaymentIsPendingAndALateAuthorisationIsVoided() {
        UUID orderId = stockReserved();

        ResponseEntity<Map<String, Object>> response = storefront.cancel(orderId);

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        assertThat(response.getBody()).containsEntry("status", "CANCELLED");
        bus.await(ReleaseStock.class, command -> command.orderId().equals(orderId));
        bus.await(VoidPayment.class, command -> command.orderId().equals(orderId));
        bus.await(OrderCancelled.class, event -> event.orderId().equals(orderId));

        UUID late = bus.send(new PaymentAuthorized(orderId, UUID.randomUUID(), new Money("40.00", "EUR"), "AUTH-L"));
        awaitProcessed(late);

        assertThat(sent(orderId, VoidPayment.class)).as("the late authorisation is voided").isEqualTo(2);
        assertThat(sent(orderId, ScheduleShipment.class)).isZero();
        assertThat(sent(orderId, OrderConfirmed.class)).isZero();
        assertThat(storefront.status(orderId)).isEqualTo("CANCELLED");
    }

    @Test
    void customerCancelsAConfirmedOrderThroughShipping() {
        UUID orderId = confirmed();

        ResponseEntity<Map<String, Object>> response = storefront.cancel(orderId);

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        assertThat(response.getBody()).containsEntry("status", "CANCELLING");
        bus.await(CancelShipment.class, command -> command.orderId().equals(orderId));
        assertThat(storefront.cancel(orderId).getStatusCode().value()).as("a repeated cancel").isEqualTo(202);

        bus.send(new ShipmentCancelled(orderId, UUID.randomUUID()));

        bus.await(VoidPayment.class, command -> command.orderId().equals(orderId));
        bus.await(ReleaseStock.class, command -> command.orderId().equals(orderId));
        OrderCancelled cancelled = bus.await(OrderCancelled.class, event -> event.orderId().equals(orderId));
        assertThat(cancelled.reason()).isEqualTo(OrderCancelled.CUSTOMER_CANCELLED);
        storefront.awaitStatus(orderId, "CANCELLED");
        assertThat(sent(orderId, CancelShipment.class)).isEqualTo(1);
        assertThat(statuses(storefront.order(orderId))).containsExactly("PLACED", "STOCK_RESERVED", "CONFIRMED",
                "CANCELLING", "CANCELLED");
    }

    @Test
    void aDispatchThatWinsTheRaceAgainstTheCancelShipsTheOrder() {
        UUID orderId = confirmed();
        UUID shipmentId = UUID.randomUUID();
        storefront.cancel(orderId);
        bus.await(CancelShipment.class, command -> command.orderId().equals(orderId));

        bus.send(new ShipmentDispatched(orderId, shipmentId, "UPS", "1Z-RACE", Instant.now()));
        UUID rejection = bus.send(new ShipmentCancellationRejected(orderId, shipmentId,
                ShipmentCancellationRejected.ALREADY_DISPATCHED));
        awaitProcessed(rejection);

        assertThat(storefront.status(orderId)).isEqualTo("SHIPPED");
        bus.await(OrderShipped.class, event -> event.orderId().equals(orderId));
        assertThat(sent(orderId, CapturePayment.class)).isEqualTo(1);
        assertThat(sent(orderId, CommitStock.class)).isEqualTo(1);
        assertThat(sent(orderId, VoidPayment.class) + sent(orderId, ReleaseStock.class)).isZero();
        assertThat(sent(orderId, OrderCancelled.class)).isZero();
        assertThat(storefront.cancel(orderId).getStatusCode().value()).isEqualTo(409);
        assertThat(history(storefront.order(orderId))).anyMatch(entry -> "SHIPPED".equals(entry.get("status"))
                && String.valueOf(entry.get("reason")).contains("cancel refused"));
    }

    @Test
    void aCancellationRejectionArrivingBeforeTheDispatchShipsTheOrderAndTheDispatchClosesIt() {
        UUID orderId = confirmed();
        UUID shipmentId = UUID.randomUUID();
        storefront.cancel(orderId);
        bus.await(CancelShipment.class, command -> command.orderId().equals(orderId));

        UUID rejection = bus.send(new ShipmentCancellationRejected(orderId, shipmentId,
                ShipmentCancellationRejected.ALREADY_DISPATCHED));
        awaitProcessed(rejection);
        assertThat(storefront.status(orderId)).isEqualTo("SHIPPED");
        assertThat(sent(orderId, CapturePayment.class)).as("capture waits for the dispatch").isZero();

        bus.send(new ShipmentDispatched(orderId, shipmentId, "UPS", "1Z-LATE", Instant.now()));

        bus.await(CapturePayment.class, command -> command.orderId().equals(orderId));
        bus.await(CommitStock.class, command -> command.orderId().equals(orderId));
        assertThat(bus.await(OrderShipped.class, event -> event.orderId().equals(orderId)).trackingNumber())
                .isEqualTo("1Z-LATE");
    }

    @Test
    void refusesToCancelAnOrderThatShippedOrEnded() {
        UUID shipped = shipped();
        assertThat(storefront.cancel(shipped).getStatusCode().value()).isEqualTo(409);
        assertThat(storefront.cancel(shipped).getBody()).containsEntry("title", "Order cannot be cancelled");

        UUID shipmentId = UUID.fromString((String) ((Map<?, ?>) storefront.order(shipped).get("shipment")).get("shipmentId"));
        bus.send(new ShipmentDelivered(shipped, shipmentId, Instant.now()));
        storefront.awaitStatus(shipped, "DELIVERED");
        assertThat(storefront.cancel(shipped).getStatusCode().value()).isEqualTo(409);

        UUID cancelled = placed();
        storefront.cancel(cancelled);
        assertThat(storefront.cancel(cancelled).getStatusCode().value()).isEqualTo(409);
        assertThat(sent(shipped, CancelShipment.class)).isZero();
    }

    @Test
    void appliesARedeliveredOrRepeatedReplyOnlyOnce() {
        UUID orderId = placed();
        StockReserved reserved = new StockReserved(orderId, List.of(new StockLine(sku, 2)));

        UUID id = bus.send(reserved);
        bus.send(reserved, id);              // redelivery: skipped by the inbox
        UUID repeated = bus.send(reserved);  // same reply, new id: a duplicate for the saga
        awaitProcessed(repeated);
        assertThat(sent(orderId, AuthorizePayment.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbox WHERE message_id = ?", Integer.class, id))
                .isEqualTo(1);

        PaymentAuthorized authorized = new PaymentAuthorized(orderId, UUID.randomUUID(), new Money("40.00", "EUR"), "A");
        UUID authorization = bus.send(authorized);
        bus.send(authorized, authorization);
        awaitProcessed(bus.send(authorized));
        assertThat(sent(orderId, ScheduleShipment.class)).isEqualTo(1);
        assertThat(sent(orderId, OrderConfirmed.class)).isEqualTo(1);

        ShipmentDispatched dispatched = new ShipmentDispatched(orderId, UUID.randomUUID(), "DHL", "T-2", Instant.now());
        bus.send(dispatched);
        awaitProcessed(bus.send(dispatched));
        assertThat(sent(orderId, CapturePayment.class)).isEqualTo(1);
        assertThat(sent(orderId, OrderShipped.class)).isEqualTo(1);
        assertThat(statuses(storefront.order(orderId))).containsExactly("PLACED", "STOCK_RESERVED", "CONFIRMED",
                "SHIPPED");
    }

    @Test
    void acknowledgesTheAnswersToItsCompensationsWithoutChangingTheOrder() {
        UUID orderId = placed();
        storefront.cancel(orderId);

        awaitProcessed(bus.send(new StockReleased(orderId, List.of())));

        assertThat(storefront.status(orderId)).isEqualTo("CANCELLED");
        assertThat(sent(orderId, ReleaseStock.class)).isEqualTo(1);
    }

    @Test
    void streamsTheStatusOfAnOrderUntilItEnds() throws Exception {
        UUID orderId = placed();
        List<String> data = new CopyOnWriteArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/orders/" + orderId
                + "/stream")).header("Accept", "text/event-stream").build();
        CompletableFuture<Void> stream = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenAccept(response -> readEvents(response, data));

        await().atMost(Duration.ofSeconds(10)).until(() -> data.stream().anyMatch(line -> line.contains("PLACED")));
        bus.send(new StockReserved(orderId, List.of(new StockLine(sku, 2))));
        await().atMost(Duration.ofSeconds(30)).until(() -> data.stream().anyMatch(line -> line.contains("STOCK_RESERVED")));
        bus.send(new PaymentDeclined(orderId, PaymentDeclined.INSUFFICIENT_FUNDS));

        stream.get(30, java.util.concurrent.TimeUnit.SECONDS); // the server completes the stream once the order ended
        assertThat(data).hasSize(3);
        assertThat(data.get(0)).contains("\"status\":\"PLACED\"");
        assertThat(data.get(1)).contains("\"status\":\"STOCK_RESERVED\"");
        assertThat(data.get(2)).contains("\"status\":\"CANCELLED\"", "\"cancellationReason\":\"PAYMENT_DECLINED\"");
    }

    @Test
    void streamsOfUnknownOrdersAreNotFound() {
        assertThat(storefront.getPath("/api/orders/" + UUID.randomUUID() + "/stream").getStatusCode().value())
                .isEqualTo(404);
    }

    // --- the order at each step, reached through the real flow

    private UUID placed() {
        UUID orderId = storefront.placeOrder(OrderRequestMother.order("customer-" + UUID.randomUUID(),
                List.of(OrderRequestMother.item(sku, 2))));
        bus.await(ReserveStock.class, command -> command.orderId().equals(orderId));
        return orderId;
    }

    private UUID stockReserved() {
        UUID orderId = placed();
        bus.send(new StockReserved(orderId, List.of(new StockLine(sku, 2))));
        bus.await(AuthorizePayment.class, command -> command.orderId().equals(orderId));
        storefront.awaitStatus(orderId, "STOCK_RESERVED");
        return orderId;
    }

    private UUID confirmed() {
        UUID orderId = stockReserved();
        bus.send(new PaymentAuthorized(orderId, UUID.randomUUID(), new Money("40.00", "EUR"), "AUTH"));
        bus.await(ScheduleShipment.class, command -> command.orderId().equals(orderId));
        storefront.awaitStatus(orderId, "CONFIRMED");
        return orderId;
    }

    private UUID shipped() {
        UUID orderId = confirmed();
        bus.send(new ShipmentDispatched(orderId, UUID.randomUUID(), "DHL", "TRACK", Instant.now()));
        storefront.awaitStatus(orderId, "SHIPPED");
        return orderId;
    }

    // --- observations

    /** Waits until the order service committed its handling of the message (its inbox row). */
    private void awaitProcessed(UUID messageId) {
        await().alias("message " + messageId + " processed").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM inbox WHERE message_id = ?", Integer.class,
                        messageId) == 1);
    }

    /** How many messages of the type the service published for the order, each once, once its outbox is sent. */
    private int sent(UUID orderId, Class<? extends Message> type) {
        return bus.countPublished(jdbc.getDataSource(), orderId.toString(), type);
    }

    private String cardTokenOf(UUID orderId) {
        return jdbc.queryForObject("SELECT card_token FROM orders WHERE id = ?", String.class, orderId);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> history(Map<String, Object> order) {
        return (List<Map<String, Object>>) order.get("history");
    }

    private static List<String> statuses(Map<String, Object> order) {
        return history(order).stream().map(entry -> (String) entry.get("status")).toList();
    }

    private static void readEvents(HttpResponse<java.io.InputStream> response, List<String> data) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data:")) {
                    data.add(line);
                }
            }
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}

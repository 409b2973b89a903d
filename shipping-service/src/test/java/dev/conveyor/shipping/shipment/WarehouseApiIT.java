package dev.conveyor.shipping.shipment;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import dev.conveyor.events.shipping.ShipmentCancelled;
import dev.conveyor.events.shipping.ShipmentDelivered;
import dev.conveyor.events.shipping.ShipmentDispatched;
import dev.conveyor.events.shipping.ShipmentScheduled;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.OpenApiLint;
import dev.conveyor.testkit.RealInfrastructure;

import static dev.conveyor.shipping.shipment.PublishedMessages.name;
import static dev.conveyor.shipping.shipment.ShipmentMother.cancelShipment;
import static dev.conveyor.shipping.shipment.ShipmentMother.scheduleShipment;
import static org.assertj.core.api.Assertions.assertThat;

/** The warehouse's REST API on real PostgreSQL and Kafka: each transition, its repetition, and every kind of bad input. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class WarehouseApiIT {

    private static final String SCHEDULED = name(ShipmentScheduled.class);
    private static final String DISPATCHED = name(ShipmentDispatched.class);
    private static final String DELIVERED = name(ShipmentDelivered.class);
    private static final String CANCELLED = name(ShipmentCancelled.class);

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    @Autowired
    MessageBus bus;

    WarehouseApi warehouse;

    PublishedMessages published;

    @BeforeEach
    void connect() {
        warehouse = new WarehouseApi(port);
        published = new PublishedMessages(bus, jdbc.getDataSource());
    }

    @Test
    void dispatchesAShipmentWithAGeneratedTrackingNumberAndPublishesIt() {
        UUID orderId = UUID.randomUUID();
        UUID shipmentId = schedule(orderId);

        WarehouseApi.Response response = warehouse.dispatch(shipmentId, "DHL");

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.text("status")).isEqualTo("DISPATCHED");
        assertThat(response.text("carrier")).isEqualTo("DHL");
        assertThat(response.text("trackingNumber")).matches("DHL-[A-Z0-9]{8}");
        assertThat(response.text("dispatchedAt")).isNotNull();
        ShipmentDispatched dispatched = bus.await(ShipmentDispatched.class, event -> event.orderId().equals(orderId));
        assertThat(dispatched.shipmentId()).isEqualTo(shipmentId);
        assertThat(dispatched.carrier()).isEqualTo("DHL");
        assertThat(dispatched.trackingNumber()).isEqualTo(response.text("trackingNumber"));
        assertThat(warehouse.get(shipmentId).text("trackingNumber")).isEqualTo(response.text("trackingNumber"));
    }

    @Test
    void dispatchesWithTheCarriersTrackingNumber() {
        UUID orderId = UUID.randomUUID();
        UUID shipmentId = schedule(orderId);

        WarehouseApi.Response response = warehouse.dispatch(shipmentId, "UPS", "1Z999AA10123456784");

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.text("trackingNumber")).isEqualTo("1Z999AA10123456784");
        assertThat(bus.await(ShipmentDispatched.class, event -> event.orderId().equals(orderId)).trackingNumber())
            .isEqualTo("1Z999AA10123456784");
    }

    @Test
    void repeatedDispatchWithTheSameCarrierAnswersTheSameShipmentAndPublishesNothingMore() {
        UUID orderId = UUID.randomUUID();
        UUID shipmentId = schedule(orderId);
        String tracking = warehouse.dispatch(shipmentId, "DHL").text("trackingNumber");

        WarehouseApi.Response again = warehouse.dispatch(shipmentId, "DHL");
        WarehouseApi.Response againWithTracking = warehouse.dispatch(shipmentId, "DHL", tracking);

        assertThat(again.code()).isEqualTo(200);
        assertThat(again.text("trackingNumber")).isEqualTo(tracking);
        assertThat(againWithTracking.code()).isEqualTo(200);
        assertThat(published.forOrder(orderId)).containsExactly(SCHEDULED, DISPATCHED);
    }

    @Test
    void refusesToDispatchAgainWithAnotherCarrier() {
        UUID orderId = UUID.randomUUID();
        UUID shipmentId = schedule(orderId);
        warehouse.dispatch(shipmentId, "DHL");

        WarehouseApi.Response response = warehouse.dispatch(shipmentId, "UPS");

        assertConflict(response, "already dispatched");
        assertThat(warehouse.get(shipmentId).text("carrier")).isEqualTo("DHL");
        assertThat(published.forOrder(orderId)).containsExactly(SCHEDULED, DISPATCHED);
    }

    @Test
    void deliversADispatchedShipmentOnceHoweverOftenItIsReported() {
        UUID orderId = UUID.randomUUID();
        UUID shipmentId = schedule(orderId);
        warehouse.dispatch(shipmentId, "DHL");

        WarehouseApi.Response delivered = warehouse.deliver(shipmentId);
        WarehouseApi.Response again = warehouse.deliver(shipmentId);

        assertThat(delivered.code()).isEqualTo(200);
        assertThat(delivered.text("status")).isEqualTo("DELIVERED");
        assertThat(delivered.text("deliveredAt")).isNotNull();
        assertThat(again.code()).isEqualTo(200);
        assertThat(again.text("deliveredAt")).isEqualTo(delivered.text("deliveredAt"));
        ShipmentDelivered event = bus.await(ShipmentDelivered.class, e -> e.orderId().equals(orderId));
        assertThat(event.shipmentId()).isEqualTo(shipmentId);
        assertThat(published.forOrder(orderId)).containsExactly(SCHEDULED, DISPATCHED, DELIVERED);
    }

    @Test
    void refusesToDeliverAShipmentThatWasNotDispatched() {
        UUID orderId = UUID.randomUUID();
        UUID shipmentId = schedule(orderId);

        assertConflict(warehouse.deliver(shipmentId), "not been dispatched");
        assertThat(warehouse.get(shipmentId).text("status")).isEqualTo("SCHEDULED");
        assertThat(published.forOrder(orderId)).containsExactly(SCHEDULED);
    }

    @Test
    void refusesToDispatchOrDeliverACancelledShipment() {
        UUID orderId = UUID.randomUUID();
        UUID shipmentId = schedule(orderId);
        bus.send(cancelShipment(orderId));
        bus.await(ShipmentCancelled.class, event -> event.orderId().equals(orderId));

        assertConflict(warehouse.dispatch(shipmentId, "DHL"), "cancelled");
        assertConflict(warehouse.deliver(shipmentId), "cancelled");
        assertThat(warehouse.get(shipmentId).text("status")).isEqualTo("CANCELLED");
        assertThat(published.forOrder(orderId)).containsExactly(SCHEDULED, CANCELLED);
    }

    @Test
    void answersNotFoundForAnUnknownShipment() {
        UUID unknown = UUID.randomUUID();

        for (WarehouseApi.Response response : new WarehouseApi.Response[] { warehouse.get(unknown),
                warehouse.dispatch(unknown, "DHL"), warehouse.deliver(unknown) }) {
            assertThat(response.code()).isEqualTo(404);
            assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
            assertThat(response.text("detail")).contains(unknown.toString());
            assertThat(response.body().path("status").asInt()).isEqualTo(404);
        }
    }

    @Test
    void listsNoShipmentForAnOrderWithoutOne() {
        WarehouseApi.Response response = warehouse.byOrder(UUID.randomUUID());

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.items().isArray()).isTrue();
        assertThat(response.items()).isEmpty();
        assertThat(response.body().path("totalElements").asLong()).isZero();
    }

    @Test
    void refusesAPageOrSizeOutOfBounds() {
        UUID orderId = UUID.randomUUID();
        assertBadRequest(warehouse.get("/api/shipments?orderId=" + orderId + "&size=0"));
        assertBadRequest(warehouse.get("/api/shipments?orderId=" + orderId + "&size=101"));
        assertBadRequest(warehouse.get("/api/shipments?orderId=" + orderId + "&page=-1"));
        assertBadRequest(warehouse.get("/api/shipments?orderId=" + orderId + "&page=2147483648"));
    }

    @Test
    void rejectsMalformedIdsAndMissingParameters() {
        assertBadRequest(warehouse.get("/api/shipments/not-a-uuid"));
        assertBadRequest(warehouse.get("/api/shipments?orderId=42"));
        assertBadRequest(warehouse.get("/api/shipments"));
        assertBadRequest(warehouse.post("/api/shipments/not-a-uuid/dispatch", "{\"carrier\":\"DHL\"}"));
        assertBadRequest(warehouse.post("/api/shipments/not-a-uuid/deliver", null));
    }

    @Test
    void rejectsAnInvalidDispatchRequestWithoutChangingTheShipment() {
        UUID orderId = UUID.randomUUID();
        UUID shipmentId = schedule(orderId);
        String path = "/api/shipments/" + shipmentId + "/dispatch";

        assertFieldError(warehouse.post(path, "{}"), "carrier");
        assertFieldError(warehouse.post(path, "{\"carrier\":\"   \"}"), "carrier");
        assertFieldError(warehouse.post(path, "{\"carrier\":\"" + "X".repeat(65) + "\"}"), "carrier");
        assertFieldError(warehouse.post(path, "{\"carrier\":\"DHL\",\"trackingNumber\":\"has spaces\"}"), "trackingNumber");
        assertFieldError(warehouse.post(path, "{\"carrier\":\"DHL\",\"trackingNumber\":\"\"}"), "trackingNumber");
        assertBadRequest(warehouse.post(path, "{\"carrier\":"));
        assertBadRequest(warehouse.post(path, "[1, 2]"));
        assertThat(warehouse.post(path, null).code()).isEqualTo(400);

        assertThat(warehouse.get(shipmentId).text("status")).isEqualTo("SCHEDULED");
        assertThat(published.forOrder(orderId)).containsExactly(SCHEDULED);
    }

    @Test
    void publishesItsOpenApiDocumentAndSwaggerUi() {
        WarehouseApi.Response docs = warehouse.get("/v3/api-docs");

        assertThat(docs.code()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/shipments/{id}/dispatch")).isTrue();
        assertThat(docs.body().path("paths").has("/api/shipments/{id}/deliver")).isTrue();
        assertThat(docs.body().path("paths").has("/api/shipments")).isTrue();
        OpenApiLint.assertClean(docs.body().toString(), ShipmentController.class);
        assertThat(RestClient.create("http://localhost:" + port).get()
            .uri("/swagger-ui/index.html").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void exposesTheDeadLetterEndpoint() {
        assertThat(warehouse.get("/actuator/deadletters").code()).isEqualTo(200);
    }

    private UUID schedule(UUID orderId) {
        bus.send(scheduleShipment(orderId));
        return bus.await(ShipmentScheduled.class, event -> event.orderId().equals(orderId)).shipmentId();
    }

    private static void assertConflict(WarehouseApi.Response response, String detail) {
        assertThat(response.code()).isEqualTo(409);
        assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(response.text("type")).endsWith("/illegal-shipment-transition");
        assertThat(response.text("detail")).contains(detail);
    }

    private static void assertBadRequest(WarehouseApi.Response response) {
        assertThat(response.code()).as(response.body().toString()).isEqualTo(400);
        assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(response.body().path("status").asInt()).isEqualTo(400);
        assertThat(response.text("detail")).isNotBlank();
    }

    private static void assertFieldError(WarehouseApi.Response response, String field) {
        assertBadRequest(response);
        assertThat(response.body().path("errors").findValuesAsString("field")).as(response.body().toString())
            .contains(field);
    }
}

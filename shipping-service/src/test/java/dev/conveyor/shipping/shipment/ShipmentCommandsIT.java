package dev.conveyor.shipping.shipment;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.events.MessageTypes;
import dev.conveyor.events.Topics;
import dev.conveyor.events.shipping.CancelShipment;
import dev.conveyor.events.shipping.ScheduleShipment;
import dev.conveyor.events.shipping.ShipmentCancellationRejected;
import dev.conveyor.events.shipping.ShipmentCancelled;
import dev.conveyor.events.shipping.ShipmentDelivered;
import dev.conveyor.events.shipping.ShipmentDispatched;
import dev.conveyor.events.shipping.ShipmentScheduled;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static dev.conveyor.shipping.shipment.PublishedMessages.name;
import static dev.conveyor.shipping.shipment.ShipmentMother.cancelShipment;
import static dev.conveyor.shipping.shipment.ShipmentMother.scheduleShipment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The saga's commands on real PostgreSQL and Kafka: every answer on shipping.events, every duplicate (redelivered
 * with the same id, or repeated with a new one), and records that cannot be read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ShipmentCommandsIT {

    private static final String SCHEDULED = name(ShipmentScheduled.class);
    private static final String DISPATCHED = name(ShipmentDispatched.class);
    private static final String DELIVERED = name(ShipmentDelivered.class);
    private static final String CANCELLED = name(ShipmentCancelled.class);
    private static final String REJECTED = name(ShipmentCancellationRejected.class);

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
    void schedulesAShipmentWithTheCommandsAddressAndLines() {
        UUID orderId = UUID.randomUUID();

        bus.send(scheduleShipment(orderId));

        ShipmentScheduled scheduled = bus.await(ShipmentScheduled.class, event -> event.orderId().equals(orderId));
        WarehouseApi.Response shipments = warehouse.byOrder(orderId);
        assertThat(shipments.code()).isEqualTo(200);
        assertThat(shipments.items()).hasSize(1);
        var shipment = shipments.items().get(0);
        assertThat(shipment.path("id").asString()).isEqualTo(scheduled.shipmentId().toString());
        assertThat(shipment.path("status").asString()).isEqualTo("SCHEDULED");
        assertThat(shipment.path("address").path("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(shipment.path("address").path("country").asString()).isEqualTo("GB");
        assertThat(shipment.path("lines").get(0).path("sku").asString()).isEqualTo("SKU-BOOK-1");
        assertThat(shipment.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(shipment.path("lines")).hasSize(2);
        assertThat(shipment.path("scheduledAt").isNull()).isFalse();
    }

    @Test
    void skipsAScheduleShipmentRedeliveredWithTheSameId() {
        UUID orderId = UUID.randomUUID();
        ScheduleShipment command = scheduleShipment(orderId);
        UUID messageId = bus.send(command);
        bus.await(ShipmentScheduled.class, event -> event.orderId().equals(orderId));

        bus.send(command, messageId);
        bus.send(cancelShipment(orderId));
        bus.await(ShipmentCancelled.class, event -> event.orderId().equals(orderId));

        assertThat(published.forOrder(orderId)).containsExactly(SCHEDULED, CANCELLED);
        assertThat(bus.received(ShipmentScheduled.class)).filteredOn(event -> event.orderId().equals(orderId)).hasSize(1);
    }

    @Test
    void answersARepeatedScheduleShipmentWithTheSameShipment() {
        UUID orderId = UUID.randomUUID();
        bus.send(scheduleShipment(orderId));
        UUID shipmentId = bus.await(ShipmentScheduled.class, event -> event.orderId().equals(orderId)).shipmentId();

        bus.send(scheduleShipment(orderId));

        await().until(() -> bus.received(ShipmentScheduled.class).stream()
            .filter(event -> event.orderId().equals(orderId)).count() == 2);
        assertThat(bus.received(ShipmentScheduled.class)).filteredOn(event -> event.orderId().equals(orderId))
            .extracting(ShipmentScheduled::shipmentId).containsExactly(shipmentId, shipmentId);
        assertThat(warehouse.byOrder(orderId).items()).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM shipment WHERE order_id = ?", Integer.class, orderId))
            .isEqualTo(1);
    }

    @Test
    void cancelsAScheduledShipment() {
        UUID orderId = UUID.randomUUID();
        UUID shipmentId = schedule(orderId);

        bus.send(cancelShipment(orderId));

        assertThat(bus.await(ShipmentCancelled.class, event -> event.orderId().equals(orderId)))
            .isEqualTo(new ShipmentCancelled(orderId, shipmentId));
        WarehouseApi.Response shipment = warehouse.get(shipmentId);
        assertThat(shipment.text("status")).isEqualTo("CANCELLED");
        assertThat(shipment.text("cancelledAt")).isNotNull();
    }

    @Test
    void skipsACancelShipmentRedeliveredWithTheSameIdAndAnswersOneWithANewIdAgain() {
        UUID orderId = UUID.randomUUID();
        UUID shipmentId = schedule(orderId);
        CancelShipment command = cancelShipment(orderId);
        UUID messageId = bus.send(command);
        bus.await(ShipmentCancelled.class, event -> event.orderId().equals(orderId));

        bus.send(command, messageId);
        bus.send(command);

        await().until(() -> published.forOrder(orderId).size() == 3);
        assertThat(published.forOrder(orderId)).containsExactly(SCHEDULED, CANCELLED, CANCELLED);
        await().until(() -> bus.received(ShipmentCancelled.class).stream()
            .filter(event -> event.orderId().equals(orderId)).count() == 2);
        assertThat(bus.received(ShipmentCancelled.class)).filteredOn(event -> event.orderId().equals(orderId))
            .containsOnly(new ShipmentCancelled(orderId, shipmentId));
    }

    @Test
    void rejectsCancellationOfADispatchedShipmentEveryTimeItIsAsked() {
        UUID orderId = UUID.randomUUID();
        UUID shipmentId = schedule(orderId);
        assertThat(warehouse.dispatch(shipmentId, "DHL").code()).isEqualTo(200);

        bus.send(cancelShipment(orderId));
        bus.send(cancelShipment(orderId));

        await().until(() -> bus.received(ShipmentCancellationRejected.class).stream()
            .filter(event -> event.orderId().equals(orderId)).count() == 2);
        assertThat(bus.received(ShipmentCancellationRejected.class)).filteredOn(event -> event.orderId().equals(orderId))
            .containsOnly(new ShipmentCancellationRejected(orderId, shipmentId,
                    ShipmentCancellationRejected.ALREADY_DISPATCHED));
        assertThat(published.forOrder(orderId)).containsExactly(SCHEDULED, DISPATCHED, REJECTED, REJECTED);
        assertThat(warehouse.get(shipmentId).text("status")).isEqualTo("DISPATCHED");
    }

    @Test
    void rejectsCancellationOfADeliveredShipment() {
        UUID orderId = UUID.randomUUID();
        UUID shipmentId = schedule(orderId);
        assertThat(warehouse.dispatch(shipmentId, "UPS").code()).isEqualTo(200);
        assertThat(warehouse.deliver(shipmentId).code()).isEqualTo(200);

        bus.send(cancelShipment(orderId));

        assertThat(bus.await(ShipmentCancellationRejected.class, event -> event.orderId().equals(orderId)))
            .isEqualTo(new ShipmentCancellationRejected(orderId, shipmentId,
                    ShipmentCancellationRejected.ALREADY_DELIVERED));
        assertThat(published.forOrder(orderId)).containsExactly(SCHEDULED, DISPATCHED, DELIVERED, REJECTED);
        assertThat(warehouse.get(shipmentId).text("status")).isEqualTo("DELIVERED");
    }

    @Test
    void answersACancellationWithoutShipmentAndNeverSchedulesOneForThatOrderLater() {
        UUID orderId = UUID.randomUUID();

        bus.send(cancelShipment(orderId));
        assertThat(bus.await(ShipmentCancelled.class, event -> event.orderId().equals(orderId)))
            .isEqualTo(new ShipmentCancelled(orderId, null));

        bus.send(scheduleShipment(orderId));
        bus.send(cancelShipment(orderId));

        await().until(() -> published.forOrder(orderId).size() == 3);
        assertThat(published.forOrder(orderId)).containsExactly(CANCELLED, CANCELLED, CANCELLED);
        await().until(() -> bus.received(ShipmentCancelled.class).stream()
            .filter(event -> event.orderId().equals(orderId)).count() == 3);
        assertThat(bus.received(ShipmentCancelled.class)).filteredOn(event -> event.orderId().equals(orderId))
            .containsOnly(new ShipmentCancelled(orderId, null));
        assertThat(bus.received(ShipmentScheduled.class)).noneMatch(event -> event.orderId().equals(orderId));
        assertThat(warehouse.byOrder(orderId).items()).isEmpty();
    }

    @Test
    void answersAScheduleRepeatedAfterCancellationWithTheCancellation() {
        UUID orderId = UUID.randomUUID();
        UUID shipmentId = schedule(orderId);
        bus.send(cancelShipment(orderId));
        bus.await(ShipmentCancelled.class, event -> event.orderId().equals(orderId));

        bus.send(scheduleShipment(orderId));

        await().until(() -> published.forOrder(orderId).size() == 3);
        assertThat(published.forOrder(orderId)).containsExactly(SCHEDULED, CANCELLED, CANCELLED);
        assertThat(warehouse.get(shipmentId).text("status")).isEqualTo("CANCELLED");
    }

    @Test
    void sendsARecordThatIsNotJsonToTheDeadLetterTopicAndProcessesTheNextOne() {
        UUID orderId = UUID.randomUUID();
        String poisonId = UUID.randomUUID().toString();

        bus.sendRaw(Topics.SHIPPING_COMMANDS, orderId.toString(), "{not json".getBytes(StandardCharsets.UTF_8),
                cloudEventHeaders(poisonId, MessageTypes.SCHEDULE_SHIPMENT.ceType()));
        bus.send(scheduleShipment(orderId));

        bus.await(ShipmentScheduled.class, event -> event.orderId().equals(orderId));
        await().until(() -> deadLetterIds().contains(poisonId));
        assertThat(published.forOrder(orderId)).containsExactly(SCHEDULED);
    }

    @Test
    void sendsACommandThatBreaksItsContractToTheDeadLetterTopicAndProcessesTheNextOne() {
        UUID orderId = UUID.randomUUID();
        String poisonId = UUID.randomUUID().toString();
        String lowerCaseCountry = """
                {"orderId":"%s","address":{"name":"A","line1":"B","city":"C","postalCode":"1","country":"germany"},
                 "lines":[{"sku":"SKU-1","quantity":1}]}""".formatted(orderId);

        bus.sendRaw(Topics.SHIPPING_COMMANDS, orderId.toString(), lowerCaseCountry.getBytes(StandardCharsets.UTF_8),
                cloudEventHeaders(poisonId, MessageTypes.SCHEDULE_SHIPMENT.ceType()));
        bus.send(cancelShipment(orderId));

        bus.await(ShipmentCancelled.class, event -> event.orderId().equals(orderId));
        await().until(() -> deadLetterIds().contains(poisonId));
        assertThat(published.forOrder(orderId)).containsExactly(CANCELLED);
        assertThat(warehouse.byOrder(orderId).items()).isEmpty();
    }

    @Test
    void sendsARecordWithoutCloudEventsHeadersToTheDeadLetterTopic() {
        UUID orderId = UUID.randomUUID();
        bus.sendRaw(Topics.SHIPPING_COMMANDS, orderId.toString(), "hello".getBytes(StandardCharsets.UTF_8),
                Map.of("marker", orderId.toString()));
        bus.send(cancelShipment(orderId));

        bus.await(ShipmentCancelled.class, event -> event.orderId().equals(orderId));
        await().until(() -> bus.receivedOn(Topics.SHIPPING_COMMANDS + ".dlt").stream()
            .anyMatch(record -> orderId.toString().equals(record.headers().get("marker"))));
    }

    private UUID schedule(UUID orderId) {
        bus.send(scheduleShipment(orderId));
        return bus.await(ShipmentScheduled.class, event -> event.orderId().equals(orderId)).shipmentId();
    }

    private List<String> deadLetterIds() {
        return bus.receivedOn(Topics.SHIPPING_COMMANDS + ".dlt").stream().map(MessageBus.Received::id).toList();
    }

    private static Map<String, String> cloudEventHeaders(String id, String ceType) {
        return Map.of("ce_specversion", "1.0", "ce_id", id, "ce_type", ceType, "ce_source", "/order-service",
                "content-type", "application/json");
    }
}

package dev.conveyor.shipping.shipment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.events.Message;
import dev.conveyor.events.shipping.ShipmentCancellationRejected;
import dev.conveyor.events.shipping.ShipmentCancelled;
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
 * The warehouse dispatches (REST) while the saga cancels (CancelShipment on Kafka), for many shipments at once:
 * for each, exactly one of the two wins, the published events say which, and the loser is told.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class DispatchCancelRaceIT {

    private static final Logger log = LoggerFactory.getLogger(DispatchCancelRaceIT.class);

    private static final int ROUNDS = 20;

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
    void exactlyOneOfAConcurrentDispatchAndCancellationWins() throws Exception {
        Map<UUID, UUID> shipmentByOrder = scheduleShipments();
        Map<UUID, Integer> dispatchStatusByOrder = race(shipmentByOrder);

        int dispatchWon = 0;
        for (Map.Entry<UUID, UUID> entry : shipmentByOrder.entrySet()) {
            UUID orderId = entry.getKey();
            UUID shipmentId = entry.getValue();
            int dispatchStatus = dispatchStatusByOrder.get(orderId);
            Message cancelAnswer = awaitAnswerToCancel(orderId);

            assertThat(dispatchStatus).as("dispatch of %s", shipmentId).isIn(200, 409);
            if (dispatchStatus == 200) {
                dispatchWon++;
                assertThat(cancelAnswer).isEqualTo(new ShipmentCancellationRejected(orderId, shipmentId,
                        ShipmentCancellationRejected.ALREADY_DISPATCHED));
                assertThat(bus.await(ShipmentDispatched.class, event -> event.orderId().equals(orderId)).shipmentId())
                    .isEqualTo(shipmentId);
                assertThat(published.forOrder(orderId)).containsExactly(name(ShipmentScheduled.class),
                        name(ShipmentDispatched.class), name(ShipmentCancellationRejected.class));
                assertThat(warehouse.get(shipmentId).text("status")).isEqualTo("DISPATCHED");
            }
            else {
                assertThat(cancelAnswer).isEqualTo(new ShipmentCancelled(orderId, shipmentId));
                assertThat(published.forOrder(orderId)).containsExactly(name(ShipmentScheduled.class),
                        name(ShipmentCancelled.class));
                assertThat(warehouse.get(shipmentId).text("status")).isEqualTo("CANCELLED");
            }
        }
        log.info("Race: dispatch won {} of {} rounds, cancellation won {}", dispatchWon, ROUNDS, ROUNDS - dispatchWon);
        List<UUID> orders = List.copyOf(shipmentByOrder.keySet());
        assertThat(bus.received(ShipmentDispatched.class)).filteredOn(event -> orders.contains(event.orderId()))
            .hasSize(dispatchWon);
        assertThat(bus.received(ShipmentCancelled.class)).filteredOn(event -> orders.contains(event.orderId()))
            .hasSize(ROUNDS - dispatchWon);
    }

    private Map<UUID, UUID> scheduleShipments() {
        Map<UUID, UUID> shipmentByOrder = new ConcurrentHashMap<>();
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            UUID orderId = UUID.randomUUID();
            orders.add(orderId);
            bus.send(scheduleShipment(orderId));
        }
        for (UUID orderId : orders) {
            shipmentByOrder.put(orderId,
                    bus.await(ShipmentScheduled.class, event -> event.orderId().equals(orderId)).shipmentId());
        }
        return shipmentByOrder;
    }

    /** Starts every dispatch and every cancellation at the same moment; answers the HTTP status of each dispatch. */
    private Map<UUID, Integer> race(Map<UUID, UUID> shipmentByOrder) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2 * ROUNDS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Map<UUID, Future<Integer>> dispatches = new ConcurrentHashMap<>();
            List<Future<?>> cancellations = new ArrayList<>();
            shipmentByOrder.forEach((orderId, shipmentId) -> {
                cancellations.add(pool.submit(() -> {
                    start.await();
                    return bus.send(cancelShipment(orderId));
                }));
                dispatches.put(orderId, pool.submit(() -> {
                    start.await();
                    return warehouse.dispatch(shipmentId, "DHL").code();
                }));
            });
            start.countDown();
            for (Future<?> cancellation : cancellations) {
                cancellation.get(30, TimeUnit.SECONDS);
            }
            Map<UUID, Integer> statuses = new ConcurrentHashMap<>();
            for (Map.Entry<UUID, Future<Integer>> dispatch : dispatches.entrySet()) {
                statuses.put(dispatch.getKey(), dispatch.getValue().get(30, TimeUnit.SECONDS));
            }
            return statuses;
        }
        finally {
            pool.shutdownNow();
        }
    }

    private Message awaitAnswerToCancel(UUID orderId) {
        return await().atMost(Duration.ofSeconds(30))
            .until(() -> {
                List<Message> answers = new ArrayList<>();
                bus.received(ShipmentCancelled.class).stream().filter(e -> e.orderId().equals(orderId)).forEach(answers::add);
                bus.received(ShipmentCancellationRejected.class).stream().filter(e -> e.orderId().equals(orderId))
                    .forEach(answers::add);
                return answers;
            }, answers -> !answers.isEmpty())
            .getFirst();
    }
}

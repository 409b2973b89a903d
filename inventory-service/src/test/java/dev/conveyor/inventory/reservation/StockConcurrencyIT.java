package dev.conveyor.inventory.reservation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.events.inventory.StockReservationRejected;
import dev.conveyor.events.inventory.StockReserved;
import dev.conveyor.inventory.InventoryHttp;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stock is never oversold: many orders compete for little stock through Kafka (3 partitions, 3 concurrent
 * consumers), each asking for two products listed in either order, while operators restock one of them over REST.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "conveyor.messaging.topics.partitions=3", "conveyor.messaging.consumer.concurrency=3" })
@RealInfrastructure
class StockConcurrencyIT {

    private static final int ORDERS = 40;

    private static final int RESTOCKS = 5;

    private static final int RESTOCK_QUANTITY = 2;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageBus bus;

    InventoryHttp http;

    @BeforeEach
    void connect() {
        http = new InventoryHttp(port);
    }

    @Test
    void neverReservesMoreThanIsOnHandAndAccountsForEveryReservation() throws Exception {
        String mugs = newSku();
        String cups = newSku();
        http.register(mugs, 10);
        http.register(cups, 10);
        List<UUID> orders = Stream.generate(UUID::randomUUID).limit(ORDERS).toList();

        List<Integer> restockStatuses;
        try (ExecutorService operators = Executors.newFixedThreadPool(RESTOCKS)) {
            List<CompletableFuture<Integer>> restocks = new ArrayList<>();
            for (int i = 0; i < RESTOCKS; i++) {
                restocks.add(CompletableFuture.supplyAsync(() -> http.post("/api/products/" + mugs + "/restock",
                        "{\"quantity\": " + RESTOCK_QUANTITY + "}").status(), operators));
            }
            for (int i = 0; i < ORDERS; i++) {
                // Half the orders list the products in the other order: locks are taken in sku order regardless.
                List<StockLine> lines = (i % 2 == 0)
                        ? List.of(new StockLine(mugs, 1 + i % 3), new StockLine(cups, 1))
                        : List.of(new StockLine(cups, 1), new StockLine(mugs, 1 + i % 3));
                bus.send(new ReserveStock(orders.get(i), lines));
            }
            restockStatuses = restocks.stream().map(CompletableFuture::join).toList();
        }

        await().alias("an answer to every order").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
            .until(() -> answeredOrders().containsAll(orders));
        bus.awaitRelayed(jdbc.getDataSource());

        assertThat(restockStatuses).containsOnly(200);
        assertEveryOrderGotExactlyOneAnswer(orders);
        JsonNode mug = http.product(mugs);
        JsonNode cup = http.product(cups);
        assertThat(mug.path("onHand").asInt()).isEqualTo(10 + RESTOCKS * RESTOCK_QUANTITY);
        assertThat(cup.path("onHand").asInt()).isEqualTo(10);
        assertThat(mug.path("reserved").asInt()).isLessThanOrEqualTo(mug.path("onHand").asInt());
        assertThat(cup.path("reserved").asInt()).isLessThanOrEqualTo(cup.path("onHand").asInt());
        Map<String, Integer> reservedByEvents = reservedQuantitiesBySku(orders);
        assertThat(reservedByEvents.getOrDefault(mugs, 0)).isEqualTo(mug.path("reserved").asInt());
        assertThat(reservedByEvents.getOrDefault(cups, 0)).isEqualTo(cup.path("reserved").asInt());
        assertThat(cup.path("reserved").asInt()).as("the scarce product is sold out, not more").isPositive();
        assertThat(rejections(orders)).isNotEmpty()
            .allSatisfy(rejection -> assertThat(rejection.reason()).isEqualTo(StockReservationRejected.INSUFFICIENT_STOCK));
        assertThat(bus.receivedOn("inventory.commands.dlt")).isEmpty();
    }

    private void assertEveryOrderGotExactlyOneAnswer(List<UUID> orders) {
        // After awaitRelayed the bus holds everything the service published: no second answer can still be on its way.
        List<UUID> answered = Stream.concat(
                bus.receivedOnce(StockReserved.class).stream().map(StockReserved::orderId),
                bus.receivedOnce(StockReservationRejected.class).stream().map(StockReservationRejected::orderId))
            .toList();
        Map<UUID, Long> answersPerOrder = answered.stream()
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(answersPerOrder).hasSize(ORDERS).allSatisfy((order, count) -> assertThat(count).isOne());
        assertThat(answersPerOrder.keySet()).containsExactlyInAnyOrderElementsOf(orders);
    }

    private Set<UUID> answeredOrders() {
        return Stream.concat(bus.received(StockReserved.class).stream().map(StockReserved::orderId),
                bus.received(StockReservationRejected.class).stream().map(StockReservationRejected::orderId))
            .collect(Collectors.toSet());
    }

    private Map<String, Integer> reservedQuantitiesBySku(List<UUID> orders) {
        return bus.receivedOnce(StockReserved.class)
            .stream()
            .filter(reserved -> orders.contains(reserved.orderId()))
            .flatMap(reserved -> reserved.lines().stream())
            .collect(Collectors.groupingBy(StockLine::sku, Collectors.summingInt(StockLine::quantity)));
    }

    private List<StockReservationRejected> rejections(List<UUID> orders) {
        return bus.receivedOnce(StockReservationRejected.class).stream().filter(r -> orders.contains(r.orderId())).toList();
    }

    private static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }
}

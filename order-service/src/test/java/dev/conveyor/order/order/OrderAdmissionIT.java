package dev.conveyor.order.order;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.messaging.OutboxRelay;
import dev.conveyor.order.Storefront;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static dev.conveyor.order.OrderRequestMother.item;
import static dev.conveyor.order.OrderRequestMother.order;
import static dev.conveyor.order.OrderRequestMother.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Past its bound the backlog makes the storefront refuse new orders with 503, writing nothing; once it drains, orders
 * are taken again. The relay is stopped to let the outbox fall behind, with a bound small enough to pass at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "conveyor.order.admission.max-outbox-age=300ms", "conveyor.order.admission.retry-after=1s",
        "conveyor.order.admission.sample-interval=100ms" })
@RealInfrastructure
class OrderAdmissionIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageBus bus;

    @Autowired
    OutboxRelay relay;

    @Autowired
    MeterRegistry meters;

    Storefront storefront;

    String sku;

    @BeforeEach
    void connect() {
        storefront = new Storefront(port);
        sku = "ADMIT-" + UUID.randomUUID().toString().substring(0, 8);
        storefront.seedProduct(bus, sku, "3.00", "EUR");
    }

    @Test
    void refusesNewOrdersWithoutWritingAnythingWhileTheOutboxIsBehindAndTakesThemAgainOnceItDrains() {
        String key = "admission-" + UUID.randomUUID();
        String refusedCustomer = "refused-" + UUID.randomUUID();
        String earlierKey = "earlier-" + UUID.randomUUID();
        String earlierCustomer = "before-" + UUID.randomUUID();
        Map<String, Object> earlierRequest = orderOf(earlierCustomer, sku);
        relay.stop();
        try {
            ResponseEntity<Map<String, Object>> earlier = storefront.place(earlierRequest, earlierKey);
            assertThat(earlier.getStatusCode().value()).as("taken while the outbox is within its bound").isEqualTo(201);
            await().alias("new orders refused once the outbox row waits past 300 ms").atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> storefront.place(orderOf("probe-" + UUID.randomUUID(), sku)).getStatusCode().value() == 503);
            double refusedBefore = refusals();

            ResponseEntity<Map<String, Object>> refused = storefront.place(orderOf(refusedCustomer, sku), key);

            assertThat(refused.getStatusCode().value()).isEqualTo(503);
            assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("1");
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.getBody()).containsEntry("type", "https://conveyor.dev/problems/overloaded")
                .containsEntry("status", 503);
            assertThat(ordersOf(refusedCustomer)).isZero();
            assertThat(keyClaims(key)).isZero();
            assertThat(refusals()).isEqualTo(refusedBefore + 1);

            ResponseEntity<Map<String, Object>> repeat = storefront.place(earlierRequest, earlierKey);
            assertThat(repeat.getStatusCode().value()).as("a repeat of an order placed before is answered").isEqualTo(201);
            assertThat(repeat.getBody()).containsEntry("orderId", earlier.getBody().get("orderId"));
            assertThat(refusals()).as("and not counted as refused").isEqualTo(refusedBefore + 1);
            assertThat(storefront.place(order(earlierCustomer, List.of(item(sku, 5))), earlierKey).getStatusCode().value())
                .as("the customer's key with another request is refused as always").isEqualTo(422);
        }
        finally {
            relay.start();
        }

        await().alias("the same request taken once the outbox has drained").atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> storefront.place(orderOf(refusedCustomer, sku), key).getStatusCode().value() == 201);
        assertThat(ordersOf(refusedCustomer)).isEqualTo(1);
        assertThat(keyClaims(key)).isEqualTo(1);
    }

    private double refusals() {
        return meters.get("conveyor.orders.refused").tag("backlog", "outbox-age").counter().count();
    }

    private long ordersOf(String customerId) {
        return jdbc.queryForObject("SELECT count(*) FROM orders WHERE customer_id = ?", Long.class, customerId);
    }

    private long keyClaims(String key) {
        return jdbc.queryForObject("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?", Long.class, key);
    }
}

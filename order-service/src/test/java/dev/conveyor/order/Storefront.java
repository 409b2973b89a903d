package dev.conveyor.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import dev.conveyor.events.Money;
import dev.conveyor.events.inventory.ProductRegistered;
import dev.conveyor.testkit.MessageBus;

import static org.awaitility.Awaitility.await;

/** The storefront's side of the REST API, for tests: answers every status as a value instead of throwing. */
public final class Storefront {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private final RestClient http;

    public Storefront(int port) {
        this.http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> {
                })
                .build();
    }

    public ResponseEntity<Map<String, Object>> place(Object body) {
        return place(body, null);
    }

    public ResponseEntity<Map<String, Object>> place(Object body, String idempotencyKey) {
        RestClient.RequestBodySpec request = http.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.body(body).retrieve().toEntity(JSON_OBJECT);
    }

    public ResponseEntity<Map<String, Object>> postRaw(String json) {
        return http.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).body(json).retrieve()
                .toEntity(JSON_OBJECT);
    }

    /** Places an order that must be accepted; answers its id. */
    public UUID placeOrder(Object body) {
        ResponseEntity<Map<String, Object>> response = place(body);
        if (response.getStatusCode().value() != 201) {
            throw new AssertionError("order not placed: " + response);
        }
        return UUID.fromString((String) response.getBody().get("orderId"));
    }

    public ResponseEntity<Map<String, Object>> get(UUID orderId) {
        return http.get().uri("/api/orders/{id}", orderId).retrieve().toEntity(JSON_OBJECT);
    }

    public ResponseEntity<Map<String, Object>> getPath(String path) {
        return http.get().uri(path).retrieve().toEntity(JSON_OBJECT);
    }

    public Map<String, Object> order(UUID orderId) {
        return get(orderId).getBody();
    }

    public String status(UUID orderId) {
        return (String) order(orderId).get("status");
    }

    public ResponseEntity<Map<String, Object>> cancel(UUID orderId) {
        return http.post().uri("/api/orders/{id}/cancel", orderId).retrieve().toEntity(JSON_OBJECT);
    }

    public ResponseEntity<Map<String, Object>> list(String customerId, int page, int size) {
        return http.get().uri("/api/orders?customerId={c}&page={p}&size={s}", customerId, page, size).retrieve()
                .toEntity(JSON_OBJECT);
    }

    /** The first hundred products of the catalogue (more than any test registers). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> catalogue() {
        return (List<Map<String, Object>>) catalogue(0, 100).getBody().get("items");
    }

    public ResponseEntity<Map<String, Object>> catalogue(int page, int size) {
        return http.get().uri("/api/catalog?page={p}&size={s}", page, size).retrieve().toEntity(JSON_OBJECT);
    }

    public void awaitStatus(UUID orderId, String status) {
        await().alias("order " + orderId + " " + status).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> status.equals(status(orderId)));
    }

    /** Registers the product with inventory's event and waits until the replica offers it at that price. */
    public void seedProduct(MessageBus bus, String sku, String price, String currency) {
        bus.send(new ProductRegistered(sku, "Product " + sku, new Money(price, currency), Instant.now()));
        await().alias("catalogue offers " + sku).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> catalogue().stream().anyMatch(product -> sku.equals(product.get("sku"))));
    }
}

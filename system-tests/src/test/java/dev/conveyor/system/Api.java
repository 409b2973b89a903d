package dev.conveyor.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST APIs of the running system, as the storefront, operators and the warehouse call them. */
final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final RunningSystem system;

    Api(RunningSystem system) {
        this.system = system;
    }

    // --- operators (inventory)

    void registerProduct(String sku, String price, int stock) {
        Response response = post(system.inventory, "/api/products", Map.of("sku", sku, "name", "Test product " + sku,
                "price", Map.of("amount", price, "currency", "EUR"), "initialStock", stock));
        response.expect(201);
    }

    JsonNode product(String sku) {
        return get(system.inventory, "/api/products/" + sku).expect(200).body();
    }

    boolean catalogueHas(String sku) {
        for (int page = 0;; page++) {
            JsonNode answer = get(system.order, "/api/catalog?size=100&page=" + page).expect(200).body();
            for (JsonNode product : answer.path("items")) {
                if (sku.equals(product.path("sku").asString())) {
                    return true;
                }
            }
            if (page + 1 >= answer.path("totalPages").asInt()) {
                return false;
            }
        }
    }

    // --- storefront (order)

    Response placeOrder(String sku, int quantity, String cardToken) {
        return post(system.order, "/api/orders", Map.of("customerId", "customer-" + UUID.randomUUID(),
                "items", List.of(Map.of("sku", sku, "quantity", quantity)),
                "shippingAddress", Map.of("name", "Ada Lovelace", "line1", "12 St James's Square", "city", "London",
                        "postalCode", "SW1Y 4JH", "country", "GB"),
                "payment", Map.of("cardToken", cardToken)));
    }

    UUID placeOrderAccepted(String sku, int quantity, String cardToken) {
        return UUID.fromString(placeOrder(sku, quantity, cardToken).expect(201).body().path("orderId").asString());
    }

    JsonNode order(UUID orderId) {
        return get(system.order, "/api/orders/" + orderId).expect(200).body();
    }

    String status(UUID orderId) {
        return order(orderId).path("status").asString();
    }

    Response cancel(UUID orderId) {
        return post(system.order, "/api/orders/" + orderId + "/cancel", Map.of());
    }

    // --- payment and shipping

    List<JsonNode> payments(UUID orderId) {
        return list(get(system.payment, "/api/payments?orderId=" + orderId).expect(200).body().path("items"));
    }

    List<JsonNode> shipments(UUID orderId) {
        return list(get(system.shipping, "/api/shipments?orderId=" + orderId).expect(200).body().path("items"));
    }

    Response dispatch(UUID shipmentId) {
        return post(system.shipping, "/api/shipments/" + shipmentId + "/dispatch", Map.of("carrier", "DHL"));
    }

    Response deliver(UUID shipmentId) {
        return post(system.shipping, "/api/shipments/" + shipmentId + "/deliver", Map.of());
    }

    // --- documentation

    /** The service's OpenAPI document, as JSON text. */
    static String apiDocs(ServiceProcess service) {
        return get(service, "/v3/api-docs").expect(200).text();
    }

    // --- HTTP

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static Response get(ServiceProcess service, String path) {
        return send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).GET());
    }

    private static Response post(ServiceProcess service, String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        }
        catch (IOException ex) {
            throw new IllegalStateException("HTTP call failed: " + ex.getMessage(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    record Response(int status, String text) {

        JsonNode body() {
            return (text == null || text.isBlank()) ? JSON.nullNode() : JSON.readTree(text);
        }

        Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError("Expected HTTP " + expected + " but got " + status + ": " + text);
            }
            return this;
        }
    }
}

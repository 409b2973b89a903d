package dev.conveyor.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The services' REST APIs, as far as the load test uses them. */
class ConveyorApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1) // the services speak HTTP/1.1; skip the h2c upgrade dance
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private final Options options;

    ConveyorApi(Options options) {
        this.options = options;
    }

    /**
     * The answer to an order POST: the order id on success; the status and {@code Retry-After} when the system refused
     * the order for now (503, 429: overloaded or unavailable, come back later); otherwise what went wrong.
     */
    record Placement(String orderId, String error, int refusedStatus, Duration retryAfter) {

        static Placement accepted(String orderId) {
            return new Placement(orderId, null, 0, null);
        }

        static Placement failed(String error) {
            return new Placement(null, error, 0, null);
        }

        static Placement refused(int status, Duration retryAfter) {
            return new Placement(null, null, status, retryAfter);
        }

        boolean isRefused() {
            return refusedStatus != 0;
        }
    }

    /** The statuses that refuse an order for now rather than fail it: come back later (after Retry-After). */
    static boolean refusesForNow(int status) {
        return status == 503 || status == 429;
    }

    /** A Retry-After of whole seconds, one second when absent or not a number (an HTTP date is not sent by us). */
    static Duration retryAfter(HttpResponse<?> response) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(response.headers().firstValue("Retry-After")
                .orElse("1").trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    Placement placeOrder(String customerId, String sku, int quantity, String cardToken) {
        Map<String, Object> body = Map.of("customerId", customerId,
                "items", List.of(Map.of("sku", sku, "quantity", quantity)),
                "shippingAddress", Map.of("name", "Load Test", "line1", "1 Bench Street", "city", "Berlin",
                        "postalCode", "10115", "country", "DE"),
                "payment", Map.of("cardToken", cardToken));
        try {
            HttpResponse<String> response = send(post(options.orderUrl() + "/api/orders", body));
            if (refusesForNow(response.statusCode())) {
                return Placement.refused(response.statusCode(), retryAfter(response));
            }
            if (response.statusCode() != 201) {
                return Placement.failed("HTTP " + response.statusCode());
            }
            return Placement.accepted(JSON.readTree(response.body()).path("orderId").asString());
        } catch (java.net.http.HttpTimeoutException e) {
            return Placement.failed("timeout");
        } catch (IOException e) {
            return Placement.failed("I/O: " + e.getClass().getSimpleName());
        }
    }

    void registerProduct(String sku, int stock) throws IOException {
        Map<String, Object> body = Map.of("sku", sku, "name", "Load test product " + sku,
                "price", Map.of("amount", "9.99", "currency", "EUR"), "initialStock", stock);
        expect(send(post(options.inventoryUrl() + "/api/products", body)), 201);
    }

    /** The skus the order service's catalogue replica knows. */
    List<String> catalogueSkus() throws IOException {
        List<String> skus = new ArrayList<>();
        for (JsonNode product : allPages(options.orderUrl() + "/api/catalog?")) {
            skus.add(product.path("sku").asString());
        }
        return skus;
    }

    Invariants.Stock stock(String sku, int initialStock) throws IOException {
        JsonNode product = get(options.inventoryUrl() + "/api/products/" + sku);
        return new Invariants.Stock(sku, initialStock, product.path("onHand").asInt(), product.path("reserved").asInt());
    }

    /** The order's status and cancellation reason as the order service reports them. */
    Invariants.OrderState order(String orderId, String sku, int quantity) throws IOException {
        JsonNode order;
        try {
            order = get(options.orderUrl() + "/api/orders/" + orderId);
        } catch (Refused e) {
            if (e.status == 404) {
                return new Invariants.OrderState(orderId, sku, quantity, Invariants.MISSING, null);
            }
            throw e;
        }
        String reason = order.path("cancellationReason").isNull() ? null : order.path("cancellationReason").asString();
        return new Invariants.OrderState(orderId, sku, quantity, order.path("status").asString(), reason);
    }

    /** An order as placed (its first line), for an order the run knows only from the order service's list. */
    Ledger.Entry placedOrder(String orderId) throws IOException {
        JsonNode item = get(options.orderUrl() + "/api/orders/" + orderId).path("items").path(0);
        return new Ledger.Entry(orderId, item.path("sku").asString(), item.path("quantity").asInt(), 0, false);
    }

    /** The ids of a customer's orders, as the order service lists them (all pages). */
    List<String> orderIdsOf(String customerId) throws IOException {
        List<String> ids = new ArrayList<>();
        allPages(options.orderUrl() + "/api/orders?customerId=" + customerId + "&")
            .forEach(order -> ids.add(order.path("orderId").asString()));
        return ids;
    }

    /** The items of every page of a list ({@code url} ends with {@code ?} or {@code &}). */
    private List<JsonNode> allPages(String url) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0;; page++) {
            JsonNode answer = get(url + "size=100&page=" + page);
            answer.path("items").forEach(items::add);
            if (page + 1 >= answer.path("totalPages").asInt()) {
                return items;
            }
        }
    }

    List<String> paymentStatuses(String orderId) throws IOException {
        List<String> statuses = new ArrayList<>();
        for (JsonNode payment : get(options.paymentUrl() + "/api/payments?orderId=" + orderId).path("items")) {
            statuses.add(payment.path("status").asString());
        }
        return statuses;
    }

    /** The id of the order's shipment, or null while it is not scheduled yet. */
    String shipmentOf(String orderId) throws IOException {
        JsonNode shipments = get(options.shippingUrl() + "/api/shipments?orderId=" + orderId).path("items");
        return shipments.isEmpty() ? null : shipments.get(0).path("id").asString();
    }

    void dispatch(String shipmentId) throws IOException {
        expect(send(post(options.shippingUrl() + "/api/shipments/" + shipmentId + "/dispatch", Map.of("carrier", "DHL"))),
                200);
    }

    void deliver(String shipmentId) throws IOException {
        expect(send(post(options.shippingUrl() + "/api/shipments/" + shipmentId + "/deliver", Map.of())), 200);
    }

    /** A metric of a service's actuator, or null when the service does not have it (yet). */
    JsonNode metric(String baseUrl, String name, String tag) throws IOException {
        String url = baseUrl + "/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + tag);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private JsonNode get(String url) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build());
        expect(response, 200);
        return JSON.readTree(response.body());
    }

    private static HttpRequest post(String url, Object body) {
        return HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void expect(HttpResponse<String> response, int status) throws IOException {
        // Any 2xx will do for the warehouse calls; the exact code only matters for creation.
        boolean ok = status == 201 ? response.statusCode() == 201 : response.statusCode() / 100 == 2;
        if (!ok) {
            String message = response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body();
            throw response.statusCode() / 100 == 4 ? new Refused(response.statusCode(), message)
                    : new IOException(message);
        }
    }

    /** A 4xx answer: the request itself was refused, so repeating it cannot help. */
    static final class Refused extends IOException {

        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}

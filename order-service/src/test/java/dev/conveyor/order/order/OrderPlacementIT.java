package dev.conveyor.order.order;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.conveyor.events.Bounds;
import dev.conveyor.events.Money;
import dev.conveyor.events.inventory.ProductPriceChanged;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.events.order.OrderItem;
import dev.conveyor.events.order.OrderPlaced;
import dev.conveyor.order.Storefront;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.OpenApiLint;
import dev.conveyor.testkit.RealInfrastructure;

import static dev.conveyor.order.OrderRequestMother.item;
import static dev.conveyor.order.OrderRequestMother.order;
import static dev.conveyor.order.OrderRequestMother.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Placing, reading and listing orders through HTTP, with the catalogue replica seeded through inventory's events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "conveyor.web.cors.allowed-origins=https://shop.example",
            "conveyor.order.streams.max-open-per-customer=2" })
@RealInfrastructure
class OrderPlacementIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageBus bus;

    @Autowired
    OrderRepository orders;

    @Autowired
    PlatformTransactionManager transactions;

    Storefront storefront;

    @BeforeEach
    void connect() {
        storefront = new Storefront(port);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void placesAnOrderPricedFromTheCatalogueReplicaAndAsksInventoryToReserveIt() {
        String mug = unique("MUG");
        String tea = unique("TEA");
        storefront.seedProduct(bus, mug, "12.50", "EUR");
        storefront.seedProduct(bus, tea, "4.00", "EUR");
        Map<String, Object> mugItem = item(mug, 2);
        String customer = unique("customer");

        ResponseEntity<Map<String, Object>> response = storefront.place(order(customer, List.of(mugItem, item(tea, 3))));

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        Map<String, Object> body = response.getBody();
        UUID orderId = UUID.fromString((String) body.get("orderId"));
        assertThat(response.getHeaders().getLocation()).hasToString("/api/orders/" + orderId);
        assertThat(body).containsEntry("status", "PLACED").containsEntry("customerId", customer)
                .containsEntry("total", Map.of("amount", "37.00", "currency", "EUR"));
        assertThat(body.get("items")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains(Map.of("sku", mug, "name", "Product " + mug, "quantity", 2,
                        "unitPrice", Map.of("amount", "12.50", "currency", "EUR"),
                        "lineTotal", Map.of("amount", "25.00", "currency", "EUR")));
        assertThat(body.toString()).doesNotContain(dev.conveyor.order.OrderRequestMother.CARD_TOKEN);

        ReserveStock reserve = bus.await(ReserveStock.class, command -> command.orderId().equals(orderId));
        assertThat(reserve.lines()).containsExactly(new StockLine(mug, 2), new StockLine(tea, 3));
        OrderPlaced placed = bus.await(OrderPlaced.class, event -> event.orderId().equals(orderId));
        assertThat(placed.total()).isEqualTo(new Money("37.00", "EUR"));
        assertThat(placed.items()).contains(new OrderItem(mug, "Product " + mug, 2, new Money("12.50", "EUR")));

        Map<String, Object> read = storefront.order(orderId);
        assertThat(read).containsEntry("status", "PLACED").containsEntry("total", body.get("total"));
        assertThat(read.get("history")).asString().contains("PLACED");
    }

    @Test
    void readsAnOrderForATransitionWithItsLinesAndHistoryAndHoldsItsRowLockUntilTheTransactionEnds() throws Exception {
        String sku = unique("SKU");
        storefront.seedProduct(bus, sku, "3.00", "EUR");
        Map<String, Object> placed = storefront.place(order(unique("customer"), List.of(item(sku, 2)))).getBody();
        UUID orderId = UUID.fromString((String) placed.get("orderId"));

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            Order order = orders.findForUpdate(orderId).orElseThrow();
            assertThat(order.lines()).extracting(OrderLine::sku, OrderLine::quantity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(sku, 2));
            assertThat(order.history()).extracting(StatusChange::status).containsExactly(OrderStatus.PLACED);
            assertThatThrownBy(() -> lockFromAnotherSession(orderId)).isInstanceOf(SQLException.class)
                    .extracting(ex -> ((SQLException) ex).getSQLState()).isEqualTo("55P03");
        });

        assertThat(lockFromAnotherSession(orderId)).as("released at commit").isTrue();
        Optional<Order> unknown = new TransactionTemplate(transactions)
                .execute(status -> orders.findForUpdate(UUID.randomUUID()));
        assertThat(unknown).isEmpty();
    }

    /** Takes the order's row lock on a connection of its own, without waiting; answers whether the order was found. */
    private boolean lockFromAnotherSession(UUID orderId) throws SQLException {
        try (Connection connection = jdbc.getDataSource().getConnection(); Statement statement = connection.createStatement()) {
            return statement.executeQuery("SELECT id FROM orders WHERE id = '" + orderId + "' FOR NO KEY UPDATE NOWAIT")
                    .next();
        }
    }

    @Test
    void refusesACustomersThirdOpenStreamWith429UntilOneOfTheirStreamsEnds() throws Exception {
        String sku = unique("SKU");
        storefront.seedProduct(bus, sku, "1.00", "EUR");
        String customer = unique("customer");
        List<UUID> placed = IntStream.range(0, 3)
                .mapToObj(i -> UUID.fromString((String) storefront.place(orderOf(customer, sku)).getBody().get("orderId")))
                .toList();
        try (HttpClient client = HttpClient.newHttpClient()) {
            refusesTheThirdStreamUntilOneEnds(client, customer, placed, sku);
        }
    }

    private void refusesTheThirdStreamUntilOneEnds(HttpClient client, String customer, List<UUID> placed, String sku)
            throws Exception {
        HttpResponse<InputStream> first = openStream(client, placed.get(0));
        HttpResponse<InputStream> second = openStream(client, placed.get(1));
        assertThat(List.of(first.statusCode(), second.statusCode())).containsOnly(200);
        UUID otherCustomers = UUID.fromString((String) storefront.place(orderOf(unique("other"), sku)).getBody()
                .get("orderId"));

        HttpResponse<InputStream> third = openStream(client, placed.get(2));

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(third.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new String(third.body().readAllBytes(), StandardCharsets.UTF_8))
                .contains("https://conveyor.dev/problems/too-many-streams", customer);
        HttpResponse<InputStream> another = openStream(client, otherCustomers);
        assertThat(another.statusCode()).as("another customer's stream").isEqualTo(200);
        another.body().close();

        storefront.cancel(placed.get(0));
        // The server ends the stream once the order is CANCELLED.
        CompletableFuture.runAsync(() -> {
            try {
                first.body().readAllBytes();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<InputStream> again = openStream(client, placed.get(2));
            again.body().close();
            return again.statusCode() == 200;
        });
        second.body().close();
    }

    private HttpResponse<InputStream> openStream(HttpClient client, UUID orderId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/orders/" + orderId
                + "/stream")).header("Accept", "text/event-stream").build();
        return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void answersTheSameOrderWhenTheSameIdempotencyKeyAndBodyComeAgain() {
        String sku = unique("SKU");
        storefront.seedProduct(bus, sku, "1.00", "EUR");
        String customer = unique("customer");
        String key = UUID.randomUUID().toString();

        ResponseEntity<Map<String, Object>> first = storefront.place(orderOf(customer, sku), key);
        ResponseEntity<Map<String, Object>> second = storefront.place(orderOf(customer, sku), key);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(second.getStatusCode().value()).isEqualTo(201);
        assertThat(second.getBody().get("orderId")).isEqualTo(first.getBody().get("orderId"));
        assertThat(second.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void refusesAnIdempotencyKeyReusedWithADifferentBody() {
        String sku = unique("SKU");
        storefront.seedProduct(bus, sku, "1.00", "EUR");
        String customer = unique("customer");
        String key = UUID.randomUUID().toString();
        storefront.place(orderOf(customer, sku), key);

        ResponseEntity<Map<String, Object>> reused = storefront.place(order(customer, List.of(item(sku, 5))), key);

        assertThat(reused.getStatusCode().value()).isEqualTo(422);
        assertThat(reused.getBody()).containsEntry("title", "Idempotency-Key reused");
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void scopesAnIdempotencyKeyToItsCustomer() {
        String sku = unique("SKU");
        storefront.seedProduct(bus, sku, "1.00", "EUR");
        String ada = unique("ada");
        String grace = unique("grace");
        String key = UUID.randomUUID().toString();
        ResponseEntity<Map<String, Object>> adas = storefront.place(orderOf(ada, sku), key);

        ResponseEntity<Map<String, Object>> graces = storefront.place(orderOf(grace, sku), key);
        ResponseEntity<Map<String, Object>> gracesOtherBody = storefront.place(order(grace, List.of(item(sku, 3))),
                UUID.randomUUID().toString());

        assertThat(graces.getStatusCode().value()).as("the same key is another key for another customer").isEqualTo(201);
        assertThat(graces.getBody().get("orderId")).isNotEqualTo(adas.getBody().get("orderId"));
        assertThat(graces.getBody()).containsEntry("customerId", grace);
        assertThat(gracesOtherBody.getStatusCode().value()).isEqualTo(201);
        assertThat(storefront.place(order(grace, List.of(item(sku, 2))), key).getStatusCode().value())
                .as("and grace's own from then on: another body is refused").isEqualTo(422);
        assertThat(storefront.place(orderOf(ada, sku), key).getBody()).as("ada's key still answers ada's order")
                .containsEntry("orderId", adas.getBody().get("orderId"));
        assertThat(ordersOf(ada)).isEqualTo(1);
        assertThat(ordersOf(grace)).isEqualTo(2);
    }

    @Test
    void createsOneOrderForConcurrentRequestsWithTheSameIdempotencyKey() throws Exception {
        String sku = unique("SKU");
        storefront.seedProduct(bus, sku, "1.00", "EUR");
        String customer = unique("customer");
        String key = UUID.randomUUID().toString();
        int requests = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ResponseEntity<Map<String, Object>>>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(requests)) {
            for (int i = 0; i < requests; i++) {
                Callable<ResponseEntity<Map<String, Object>>> call = () -> {
                    start.await();
                    return storefront.place(orderOf(customer, sku), key);
                };
                responses.add(pool.submit(call));
            }
            start.countDown();
            Set<Object> orderIds = new java.util.HashSet<>();
            for (Future<ResponseEntity<Map<String, Object>>> response : responses) {
                assertThat(response.get().getStatusCode().value()).isEqualTo(201);
                orderIds.add(response.get().getBody().get("orderId"));
            }
            assertThat(orderIds).hasSize(1);
        }
        assertThat(ordersOf(customer)).isEqualTo(1);
        UUID orderId = UUID.fromString((String) responses.getFirst().get().getBody().get("orderId"));
        bus.await(OrderPlaced.class, event -> event.orderId().equals(orderId));
        assertThat(bus.received(OrderPlaced.class).stream().filter(event -> event.orderId().equals(orderId)))
                .hasSize(1);
    }

    @Test
    void refusesUnknownSkusNamingThemAndWritesNothing() {
        String known = unique("SKU");
        storefront.seedProduct(bus, known, "1.00", "EUR");
        String customer = unique("customer");
        String missing1 = unique("NOPE");
        String missing2 = unique("NOPE");

        ResponseEntity<Map<String, Object>> response = storefront.place(orderOf(customer, known, missing1, missing2),
                UUID.randomUUID().toString());

        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getBody().get("unknownSkus")).isEqualTo(List.of(missing1, missing2));
        assertThat((String) response.getBody().get("detail")).contains(missing1, missing2);
        assertThat(ordersOf(customer)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_keys WHERE order_id NOT IN (SELECT id FROM orders)",
                Integer.class)).isZero();
    }

    @Test
    void refusesItemsPricedInSeveralCurrencies() {
        String euro = unique("EUR");
        String dollar = unique("USD");
        storefront.seedProduct(bus, euro, "1.00", "EUR");
        storefront.seedProduct(bus, dollar, "1.00", "USD");
        String customer = unique("customer");

        ResponseEntity<Map<String, Object>> response = storefront.place(orderOf(customer, euro, dollar));

        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getBody()).containsEntry("title", "Mixed currencies");
        assertThat(ordersOf(customer)).isZero();
    }

    @Test
    void rejectsAnInvalidBodyWithItsFieldErrors() {
        Map<String, Object> body = order(" ", List.of(item("SKU-1", 0), item("SKU-2", 1001)));
        body.put("payment", Map.of());

        ResponseEntity<Map<String, Object>> response = storefront.place(body);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(fields(response)).contains("customerId", "items[0].quantity", "items[1].quantity",
                "payment.cardToken");
    }

    @Test
    void rejectsMoreThanFiftyItemsAndAnEmptyOrder() {
        List<Map<String, Object>> many = IntStream.range(0, 51).mapToObj(i -> item("SKU-" + i, 1)).toList();

        assertThat(fields(storefront.place(order("c", many)))).contains("items");
        assertThat(fields(storefront.place(order("c", List.of())))).contains("items");
    }

    @Test
    void refusesAnOrderBeyondTheContractsBoundsWholeAndWritesNothing() {
        String sku = unique("SKU");
        storefront.seedProduct(bus, sku, "1.00", "EUR");
        String customer = "c".repeat(Bounds.CUSTOMER_ID + 1);
        List<Map<String, Object>> items = List.of(item(sku, 1), item("S".repeat(Bounds.SKU + 1), 1));
        Map<String, Object> body = order(customer, items);
        body.put("shippingAddress", Map.of("name", "n".repeat(Bounds.ADDRESS_LINE + 1), "line1", "l".repeat(Bounds.ADDRESS_LINE + 1),
                "line2", "l".repeat(Bounds.ADDRESS_LINE + 1), "city", "c".repeat(Bounds.CITY + 1),
                "postalCode", "1".repeat(Bounds.POSTAL_CODE + 1), "country", "DE"));
        body.put("payment", Map.of("cardToken", "t".repeat(Bounds.CARD_TOKEN + 1)));
        long orders = jdbc.queryForObject("SELECT count(*) FROM orders", Long.class);
        long published = publishedInTheNamespace();

        ResponseEntity<Map<String, Object>> response = storefront.place(body, UUID.randomUUID().toString());

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(response)).contains("customerId", "items[1].sku", "shippingAddress.name",
                "shippingAddress.line1", "shippingAddress.line2", "shippingAddress.city", "shippingAddress.postalCode",
                "payment.cardToken");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders", Long.class)).isEqualTo(orders);
        assertThat(publishedInTheNamespace()).as("nothing published").isEqualTo(published);
    }

    @Test
    void refusesAClientSentPriceNamingTheField() {
        String sku = unique("MUG");
        storefront.seedProduct(bus, sku, "12.50", "EUR");
        Map<String, Object> item = item(sku, 2);
        item.put("unitPrice", "0.01");
        long orders = jdbc.queryForObject("SELECT count(*) FROM orders", Long.class);

        ResponseEntity<Map<String, Object>> response = storefront.place(order(unique("customer"), List.of(item)));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(response)).containsExactly("items[0].unitPrice");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders", Long.class)).isEqualTo(orders);
    }

    @Test
    void placesNothingWhenTheAnswerCannotBeJson() throws Exception {
        String sku = unique("SKU");
        storefront.seedProduct(bus, sku, "1.00", "EUR");
        String body = tools.jackson.databind.json.JsonMapper.builder().build()
                .writeValueAsString(order(unique("c"), List.of(item(sku, 1))));
        long orders = jdbc.queryForObject("SELECT count(*) FROM orders", Long.class);
        long published = publishedInTheNamespace();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/orders"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/xml")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build();

        java.net.http.HttpResponse<String> response;
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        }

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(response.body()).contains("https://conveyor.dev/problems/not-acceptable");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders", Long.class)).isEqualTo(orders);
        assertThat(publishedInTheNamespace()).as("nothing published").isEqualTo(published);
    }

    @Test
    void rejectsARepeatedSku() {
        ResponseEntity<Map<String, Object>> response = storefront.place(order("c", List.of(item("A", 1), item("A", 2))));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(response)).contains("items");
    }

    @Test
    void rejectsMalformedJson() {
        ResponseEntity<Map<String, Object>> response = storefront.postRaw("{\"customerId\": ");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).containsKey("title");
    }

    @Test
    void answersNotFoundForAnUnknownOrderAndBadRequestForAMalformedId() {
        ResponseEntity<Map<String, Object>> unknown = storefront.get(UUID.randomUUID());
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).containsEntry("title", "Order not found");

        assertThat(storefront.getPath("/api/orders/not-a-uuid").getStatusCode().value()).isEqualTo(400);
        assertThat(storefront.cancel(UUID.randomUUID()).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void listsACustomersOrdersNewestFirstInPages() {
        String sku = unique("SKU");
        storefront.seedProduct(bus, sku, "1.00", "EUR");
        String customer = unique("customer");
        UUID first = storefront.placeOrder(orderOf(customer, sku));
        UUID second = storefront.placeOrder(orderOf(customer, sku));
        UUID third = storefront.placeOrder(orderOf(customer, sku));
        storefront.placeOrder(orderOf(unique("someone-else"), sku));

        Map<String, Object> page0 = storefront.list(customer, 0, 2).getBody();
        Map<String, Object> page1 = storefront.list(customer, 1, 2).getBody();

        assertThat(orderIds(page0)).containsExactly(third.toString(), second.toString());
        assertThat(orderIds(page1)).containsExactly(first.toString());
        assertThat(page0).containsEntry("totalElements", 3).containsEntry("totalPages", 2);
        assertThat(storefront.list(customer, 0, 101).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void keepsTheNewestPriceWhateverTheOrderOfThePriceChanges() {
        String sku = unique("SKU");
        storefront.seedProduct(bus, sku, "10.00", "EUR");

        bus.send(new ProductPriceChanged(sku, eur("12.00"), eur("14.00"), 2, Instant.now()));
        UUID stale = bus.send(new ProductPriceChanged(sku, eur("10.00"), eur("12.00"), 1, Instant.now()));
        awaitProcessed(stale);

        assertThat(catalogueEntry(sku)).containsEntry("price", Map.of("amount", "14.00", "currency", "EUR"));
        UUID orderId = storefront.placeOrder(orderOf(unique("customer"), sku));
        assertThat(storefront.order(orderId)).containsEntry("total", Map.of("amount", "14.00", "currency", "EUR"));
    }

    @Test
    void listsTheCatalogueBySkuAPageAtATime() {
        String first = unique("SKU-A");
        String second = first + "-B";
        storefront.seedProduct(bus, first, "1.00", "EUR");
        storefront.seedProduct(bus, second, "2.00", "EUR");
        List<String> skus = storefront.catalogue().stream().map(product -> (String) product.get("sku")).toList();
        int index = skus.indexOf(first);

        Map<String, Object> page = storefront.catalogue(index + 1, 1).getBody();

        assertThat(skus.get(index + 1)).isEqualTo(second);
        assertThat(page).containsEntry("page", index + 1).containsEntry("size", 1)
            .containsEntry("totalElements", skus.size()).containsEntry("totalPages", skus.size());
        assertThat(page.get("items")).asInstanceOf(InstanceOfAssertFactories.LIST).singleElement()
            .asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("sku", second);
        assertThat(storefront.catalogue(0, 101).getStatusCode().value()).isEqualTo(400);
        assertThat(storefront.catalogue(-1, 10).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void keepsAPriceChangeThatOvertookTheRegistration() {
        String sku = unique("SKU");

        awaitProcessed(bus.send(new ProductPriceChanged(sku, eur("10.00"), eur("11.00"), 1, Instant.now())));
        assertThat(storefront.catalogue()).as("not orderable before its registration")
                .noneMatch(product -> sku.equals(product.get("sku")));
        assertThat(storefront.place(orderOf(unique("customer"), sku)).getStatusCode().value()).isEqualTo(422);

        storefront.seedProduct(bus, sku, "10.00", "EUR");
        assertThat(catalogueEntry(sku)).containsEntry("name", "Product " + sku)
                .containsEntry("price", Map.of("amount", "11.00", "currency", "EUR"));
    }

    @Test
    void letsTheConfiguredStorefrontOriginCallTheApiFromABrowser() throws Exception {
        java.net.http.HttpResponse<Void> allowed = preflight("https://shop.example");
        java.net.http.HttpResponse<Void> other = preflight("https://evil.example");

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private java.net.http.HttpResponse<Void> preflight(String origin) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/orders"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,idempotency-key")
                .build();
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    void publishesTheApiDescription() {
        ResponseEntity<Map<String, Object>> docs = storefront.getPath("/v3/api-docs");

        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        assertThat(docs.getBody().get("paths")).asString().contains("/api/orders", "/api/catalog");
        OpenApiLint.assertClean(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(docs.getBody()),
                OrderController.class);
    }

    private static Money eur(String amount) {
        return new Money(amount, "EUR");
    }

    private Map<String, Object> catalogueEntry(String sku) {
        return storefront.catalogue().stream().filter(product -> sku.equals(product.get("sku"))).findFirst()
                .orElseThrow();
    }

    private void awaitProcessed(UUID messageId) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM inbox WHERE message_id = ?", Integer.class,
                        messageId) == 1);
    }

    private long ordersOf(String customer) {
        return ((Number) storefront.list(customer, 0, 100).getBody().get("totalElements")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> orderIds(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> (String) item.get("orderId"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> fields(ResponseEntity<Map<String, Object>> response) {
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        return ((List<Map<String, Object>>) response.getBody().get("errors")).stream()
                .map(error -> (String) error.get("field")).collect(Collectors.toSet());
    }

    /** How many messages the namespace's topics hold, each counted once, once the service's outbox is sent. */
    private long publishedInTheNamespace() {
        bus.awaitRelayed(jdbc.getDataSource());
        return bus.receivedOnce().size();
    }
}

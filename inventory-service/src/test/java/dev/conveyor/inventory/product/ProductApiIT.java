package dev.conveyor.inventory.product;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.events.Money;
import dev.conveyor.events.inventory.ProductPriceChanged;
import dev.conveyor.events.inventory.ProductRegistered;
import dev.conveyor.events.inventory.StockAdjusted;
import dev.conveyor.inventory.InventoryHttp;
import dev.conveyor.inventory.InventoryHttp.Response;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.OpenApiLint;
import dev.conveyor.testkit.RealInfrastructure;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue's REST API over HTTP, the events it publishes, and its problem details for bad requests. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ProductApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageBus bus;

    InventoryHttp http;

    final String sku = newSku();

    @BeforeEach
    void connect() {
        http = new InventoryHttp(port);
    }

    @Test
    void registersAProductWithItsLocationAndPublishesItsRegistration() {
        Response created = http.post("/api/products", """
                {"sku": "%s", "name": "Pour-over dripper", "price": {"amount": 24.5, "currency": "EUR"}, "initialStock": 12}
                """.formatted(sku));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().getLocation()).hasToString("http://localhost:" + port + "/api/products/" + sku);
        assertProduct(created.json(), "Pour-over dripper", "24.50", 12, 0);
        assertProduct(http.get(created.headers().getLocation().getPath()).json(), "Pour-over dripper", "24.50", 12, 0);
        ProductRegistered registered = bus.await(ProductRegistered.class, event -> event.sku().equals(sku));
        assertThat(registered.name()).isEqualTo("Pour-over dripper");
        assertThat(registered.price()).isEqualTo(new Money("24.50", "EUR"));
        assertThat(bus.await(StockAdjusted.class, event -> event.sku().equals(sku)))
            .isEqualTo(new StockAdjusted(sku, 12, 0, 12));
    }

    @Test
    void listsProductsInSkuOrderWithTheirAvailability() {
        String later = sku + "-B";
        http.register(later, 3);
        http.register(sku, 5);

        JsonNode products = http.get("/api/products?size=100").json().path("items");

        List<String> skus = products.valueStream().map(product -> product.path("sku").asString()).toList();
        assertThat(skus).containsSubsequence(sku, later);
        assertThat(products.valueStream().filter(product -> product.path("sku").asString().equals(sku)).findFirst())
            .hasValueSatisfying(product -> assertProduct(product, "Test product " + sku, "9.99", 5, 0));
    }

    @Test
    void listsProductsAPageAtATime() {
        http.register(sku, 5);
        http.register(sku + "-B", 3);
        List<String> skus = http.get("/api/products?size=100").json().path("items").valueStream()
            .map(product -> product.path("sku").asString()).toList();
        int index = skus.indexOf(sku);

        JsonNode page = http.get("/api/products?size=1&page=" + (index + 1)).json();

        assertThat(page.path("items")).singleElement()
            .satisfies(product -> assertThat(product.path("sku").asString()).isEqualTo(sku + "-B"));
        assertThat(page.path("page").asInt()).isEqualTo(index + 1);
        assertThat(page.path("size").asInt()).isEqualTo(1);
        assertThat(page.path("totalElements").asInt()).isEqualTo(skus.size());
        assertThat(page.path("totalPages").asInt()).isEqualTo(skus.size());
        assertThat(http.get("/api/products?size=101").status()).isEqualTo(400);
        assertThat(http.get("/api/products?page=2147483648").status()).isEqualTo(400);
    }

    @Test
    void refusesADuplicateSkuWithAConflictAndKeepsTheFirstProduct() {
        http.register(sku, 5);
        long published = publishedAbout(sku);

        Response duplicate = http.post("/api/products", """
                {"sku": "%s", "name": "Another", "price": {"amount": "1.00", "currency": "EUR"}, "initialStock": 1}
                """.formatted(sku));

        assertProblem(duplicate, 409, "Duplicate sku");
        assertThat(duplicate.json().path("sku").asString()).isEqualTo(sku);
        assertProduct(http.product(sku), "Test product " + sku, "9.99", 5, 0);
        assertThat(publishedAbout(sku)).isEqualTo(published);
    }

    @Test
    void answersNotFoundForAnUnknownSku() {
        assertProblem(http.get("/api/products/" + sku), 404, "Product not found");
        assertProblem(http.post("/api/products/" + sku + "/restock", "{\"quantity\": 1}"), 404, "Product not found");
        assertProblem(http.put("/api/products/" + sku + "/price", "{\"amount\": \"1.00\", \"currency\": \"EUR\"}"), 404,
                "Product not found");
    }

    @Test
    void restockAddsToOnHandAndPublishesTheNewLevels() {
        http.register(sku, 5);

        Response restocked = http.post("/api/products/" + sku + "/restock", "{\"quantity\": 7}");

        assertThat(restocked.status()).isEqualTo(200);
        assertProduct(restocked.json(), "Test product " + sku, "9.99", 12, 0);
        assertThat(bus.await(StockAdjusted.class, event -> event.sku().equals(sku) && event.onHand() == 12))
            .isEqualTo(new StockAdjusted(sku, 12, 0, 12));
    }

    @Test
    void changesThePriceAndPublishesOldAndNewPriceWithAVersionThatGrowsByOne() {
        http.register(sku, 5);

        Response first = http.put("/api/products/" + sku + "/price", "{\"amount\": \"11.50\", \"currency\": \"EUR\"}");
        Response second = http.put("/api/products/" + sku + "/price", "{\"amount\": 12, \"currency\": \"EUR\"}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertProduct(second.json(), "Test product " + sku, "12.00", 5, 0);
        ProductPriceChanged v1 = bus.await(ProductPriceChanged.class, e -> e.sku().equals(sku) && e.priceVersion() == 1);
        ProductPriceChanged v2 = bus.await(ProductPriceChanged.class, e -> e.sku().equals(sku) && e.priceVersion() == 2);
        assertThat(List.of(v1.oldPrice(), v1.newPrice())).containsExactly(new Money("9.99", "EUR"), new Money("11.50", "EUR"));
        assertThat(List.of(v2.oldPrice(), v2.newPrice())).containsExactly(new Money("11.50", "EUR"), new Money("12.00", "EUR"));
    }

    @Test
    void anUnchangedPricePublishesNothing() {
        http.register(sku, 5);
        long published = publishedAbout(sku);

        Response unchanged = http.put("/api/products/" + sku + "/price", "{\"amount\": 9.99, \"currency\": \"EUR\"}");

        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(publishedAbout(sku)).isEqualTo(published);
    }

    @Test
    void refusesARegistrationWithMissingFieldsNamingEachOne() {
        Response refused = http.post("/api/products", "{}");

        assertProblem(refused, 400, "Invalid request");
        assertThat(fieldsInError(refused)).containsExactly("initialStock", "name", "price", "sku");
    }

    @Test
    void refusesARegistrationWithInvalidValuesAndWritesNothing() {
        long published = publishedAbout(sku);

        Response refused = http.post("/api/products", """
                {"sku": "%s", "name": " ", "price": {"amount": "0.001", "currency": "EURO"}, "initialStock": -1}
                """.formatted(sku));

        assertProblem(refused, 400, "Invalid request");
        assertThat(fieldsInError(refused)).contains("initialStock", "name", "price.amount", "price.currency");
        assertProblem(http.get("/api/products/" + sku), 404, "Product not found");
        assertThat(publishedAbout(sku)).isEqualTo(published);
    }

    @ParameterizedTest
    @ValueSource(strings = { "XYZ", "eur", "" })
    void refusesAnUnknownCurrency(String currency) {
        http.register(sku, 5);

        Response refused = http.put("/api/products/" + sku + "/price",
                "{\"amount\": \"5.00\", \"currency\": \"" + currency + "\"}");

        assertProblem(refused, 400, "Invalid request");
        assertThat(fieldsInError(refused)).containsExactly("currency");
        assertProduct(http.product(sku), "Test product " + sku, "9.99", 5, 0);
    }

    @Test
    void restocksOncePerIdempotencyKeyAndAnswersARepeatAsTheFirstTime() {
        http.register(sku, 5);
        long published = publishedAbout(sku);
        String key = "delivery-" + sku;

        Response first = http.post("/api/products/" + sku + "/restock", "{\"quantity\": 3}", key);
        Response repeat = http.post("/api/products/" + sku + "/restock", "{\"quantity\": 3}", key);
        Response otherQuantity = http.post("/api/products/" + sku + "/restock", "{\"quantity\": 4}", key);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(repeat.status()).as(repeat.body()).isEqualTo(200);
        assertThat(repeat.json()).isEqualTo(first.json());
        assertThat(repeat.json().path("onHand").asInt()).isEqualTo(8);
        assertProblem(otherQuantity, 422, "Idempotency-Key reused");
        assertProduct(http.product(sku), "Test product " + sku, "9.99", 8, 0);
        assertThat(publishedAbout(sku)).isEqualTo(published + 1);
    }

    @Test
    void changesThePriceOnlyIfItIsStillTheVersionTheClientRead() {
        http.register(sku, 5);
        Response read = http.get("/api/products/" + sku);
        String etag = read.headers().getETag();

        Response changed = http.putIfMatch("/api/products/" + sku + "/price", "{\"amount\": \"10.00\", \"currency\": \"EUR\"}", etag);
        Response stale = http.putIfMatch("/api/products/" + sku + "/price", "{\"amount\": \"0.01\", \"currency\": \"EUR\"}", etag);

        assertThat(etag).isEqualTo("\"0\"");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.headers().getETag()).isEqualTo("\"1\"");
        assertProblem(stale, 412, "Price changed since");
        assertThat(http.product(sku).path("price").path("amount").asString()).isEqualTo("10.00");
    }

    @Test
    void refusesARestockPastTheStockLimitWithAConflictAndWritesNothing() {
        http.register(sku, 5);
        long published = publishedAbout(sku);

        Response refused = http.post("/api/products/" + sku + "/restock", "{\"quantity\": " + Product.MAX_STOCK + "}");

        assertProblem(refused, 409, "Stock limit exceeded");
        assertProduct(http.product(sku), "Test product " + sku, "9.99", 5, 0);
        assertThat(publishedAbout(sku)).isEqualTo(published);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"quantity\": 0}", "{\"quantity\": -5}", "{}" })
    void refusesARestockWithoutAPositiveQuantity(String body) {
        http.register(sku, 5);
        long published = publishedAbout(sku);

        Response refused = http.post("/api/products/" + sku + "/restock", body);

        assertProblem(refused, 400, "Invalid request");
        assertThat(fieldsInError(refused)).containsExactly("quantity");
        assertProduct(http.product(sku), "Test product " + sku, "9.99", 5, 0);
        assertThat(publishedAbout(sku)).isEqualTo(published);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"quantity\": ", "{\"quantity\": \"many\"}", "[1]", "" })
    void refusesMalformedJson(String body) {
        http.register(sku, 5);

        Response refused = http.post("/api/products/" + sku + "/restock", body);

        assertProblem(refused, 400, "Invalid request");
        assertProduct(http.product(sku), "Test product " + sku, "9.99", 5, 0);
    }

    @Test
    void publishesItsOpenApiDocument() {
        Response document = http.get("/v3/api-docs");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().path("paths").has("/api/products/{sku}/restock")).isTrue();
        OpenApiLint.assertClean(document.json().toString(), ProductController.class);
        assertThat(http.get("/swagger-ui.html").status()).isBetween(200, 399);
        assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    private static void assertProduct(JsonNode product, String name, String amount, int onHand, int reserved) {
        assertThat(product.path("name").asString()).isEqualTo(name);
        assertThat(product.path("price").path("amount").asString()).isEqualTo(amount);
        assertThat(product.path("price").path("currency").asString()).isEqualTo("EUR");
        assertThat(product.path("onHand").asInt()).isEqualTo(onHand);
        assertThat(product.path("reserved").asInt()).isEqualTo(reserved);
        assertThat(product.path("available").asInt()).isEqualTo(onHand - reserved);
    }

    private static void assertProblem(Response response, int status, String title) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("title").asString()).isEqualTo(title);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("detail").asString()).isNotBlank();
    }

    private static List<String> fieldsInError(Response response) {
        return response.json().path("errors").valueStream().map(error -> error.path("field").asString()).toList();
    }

    /** How many messages the service has published about the product, each counted once, once its outbox is sent. */
    private long publishedAbout(String sku) {
        return bus.publishedWithKey(jdbc.getDataSource(), sku).size();
    }

    private static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }
}

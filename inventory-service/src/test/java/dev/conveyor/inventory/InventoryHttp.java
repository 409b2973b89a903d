package dev.conveyor.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The inventory REST API as a client sees it: raw JSON in, status, headers and JSON out, errors included. */
public final class InventoryHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient client;

    public InventoryHttp(int port) {
        this.client = RestClient.create("http://localhost:" + port);
    }

    public Response get(String path) {
        return exchange(HttpMethod.GET, path, null);
    }

    public Response post(String path, String json) {
        return exchange(HttpMethod.POST, path, json);
    }

    public Response put(String path, String json) {
        return exchange(HttpMethod.PUT, path, json);
    }

    /** A PUT with an {@code If-Match}. */
    public Response putIfMatch(String path, String json, String ifMatch) {
        RestClient.RequestBodySpec request = client.put().uri(path).accept(MediaType.APPLICATION_JSON,
                MediaType.APPLICATION_PROBLEM_JSON).header("If-Match", ifMatch);
        return send(request.contentType(MediaType.APPLICATION_JSON).body(json));
    }

    /** A POST with an {@code Idempotency-Key}. */
    public Response post(String path, String json, String idempotencyKey) {
        return exchange(HttpMethod.POST, path, json, idempotencyKey);
    }

    /** Registers a product priced 9.99 EUR with {@code stock} on hand; fails the test unless it is created. */
    public JsonNode register(String sku, int stock) {
        Response response = post("/api/products", """
                {"sku": "%s", "name": "Test product %s", "price": {"amount": "9.99", "currency": "EUR"}, "initialStock": %d}
                """.formatted(sku, sku, stock));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    /** The product as GET shows it; fails the test unless it exists. */
    public JsonNode product(String sku) {
        Response response = get("/api/products/" + sku);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private Response exchange(HttpMethod method, String path, String json) {
        return exchange(method, path, json, null);
    }

    private Response exchange(HttpMethod method, String path, String json, String idempotencyKey) {
        RestClient.RequestBodySpec request = client.method(method).uri(path).accept(MediaType.APPLICATION_JSON,
                MediaType.APPLICATION_PROBLEM_JSON);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return send(request);
    }

    private static Response send(RestClient.RequestBodySpec request) {
        return request.exchange((req, res) -> {
            try {
                return new Response(res.getStatusCode().value(), res.getHeaders(),
                        new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    /** A response: status, headers and body. */
    public record Response(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String contentType() {
            return headers.getFirst(HttpHeaders.CONTENT_TYPE);
        }
    }
}

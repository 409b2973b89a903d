package dev.conveyor.shipping.shipment;

import java.util.UUID;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The shipping REST API as a warehouse client sees it: every answer, errors included, as status and JSON. */
final class WarehouseApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient rest;

    WarehouseApi(int port) {
        this.rest = RestClient.create("http://localhost:" + port);
    }

    Response dispatch(UUID shipmentId, String carrier) {
        return post("/api/shipments/" + shipmentId + "/dispatch", "{\"carrier\":\"" + carrier + "\"}");
    }

    Response dispatch(UUID shipmentId, String carrier, String trackingNumber) {
        return post("/api/shipments/" + shipmentId + "/dispatch",
                "{\"carrier\":\"" + carrier + "\",\"trackingNumber\":\"" + trackingNumber + "\"}");
    }

    Response deliver(UUID shipmentId) {
        return post("/api/shipments/" + shipmentId + "/deliver", null);
    }

    Response get(UUID shipmentId) {
        return get("/api/shipments/" + shipmentId);
    }

    Response byOrder(UUID orderId) {
        return get("/api/shipments?orderId=" + orderId);
    }

    Response get(String path) {
        return answer(rest.get().uri(path));
    }

    Response post(String path, String json) {
        RestClient.RequestBodySpec request = rest.post().uri(path);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return answer(request);
    }

    private static Response answer(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((req, response) -> {
            byte[] body = response.getBody().readAllBytes();
            return new Response(response.getStatusCode(), response.getHeaders().getContentType(),
                    body.length == 0 ? JSON.nullNode() : JSON.readTree(body));
        });
    }

    record Response(HttpStatusCode status, MediaType contentType, JsonNode body) {

        int code() {
            return status.value();
        }

        /** The items of a page. */
        JsonNode items() {
            return body.path("items");
        }

        String text(String field) {
            return body.path(field).asString(null);
        }
    }
}

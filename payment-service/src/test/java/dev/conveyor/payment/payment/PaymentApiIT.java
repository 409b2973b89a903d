package dev.conveyor.payment.payment;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import dev.conveyor.events.payment.AuthorizePayment;
import dev.conveyor.events.payment.PaymentAuthorized;
import dev.conveyor.events.payment.PaymentDeclined;
import dev.conveyor.payment.gateway.GatewayResult;
import dev.conveyor.payment.gateway.GatewayUnavailableException;
import dev.conveyor.payment.gateway.SimulatedPaymentGateway;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.OpenApiLint;
import dev.conveyor.testkit.RealInfrastructure;

import static dev.conveyor.payment.payment.PaymentMother.AMOUNT;
import static dev.conveyor.payment.payment.PaymentMother.APPROVED_CARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST API through HTTP: payments by order and by id, masked tokens, problem details, OpenAPI. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class PaymentApiIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    @LocalServerPort
    int port;

    @Autowired
    MessageBus bus;

    @Autowired
    SimulatedPaymentGateway gateway;

    RestClient http;

    @BeforeEach
    void connect() {
        http = RestClient.builder()
            .baseUrl("http://localhost:" + port)
            .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                // the tests assert on error responses
            })
            .build();
    }

    @Test
    void listsThePaymentOfAnOrderWithTheCardTokenMasked() {
        PaymentAuthorized authorized = authorized(APPROVED_CARD);

        ResponseEntity<String> raw = http.get().uri("/api/payments?orderId={id}", authorized.orderId()).retrieve().toEntity(String.class);
        List<Map<String, Object>> payments = paymentsOf(authorized.orderId());

        assertThat(raw.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(raw.getBody()).doesNotContain(APPROVED_CARD);
        assertThat(payments).singleElement().satisfies(payment -> assertThat(payment)
            .containsEntry("id", authorized.paymentId().toString())
            .containsEntry("orderId", authorized.orderId().toString())
            .containsEntry("amount", Map.of("amount", AMOUNT.amount(), "currency", AMOUNT.currency()))
            .containsEntry("cardToken", "tok_****4242")
            .containsEntry("status", "AUTHORIZED")
            .containsEntry("authorizationCode", authorized.authorizationCode()));
    }

    @Test
    void showsADeclinedPaymentByIdWithItsReason() {
        UUID orderId = UUID.randomUUID();
        bus.send(new AuthorizePayment(orderId, AMOUNT, "tok_insufficient_funds"));
        bus.await(PaymentDeclined.class, event -> event.orderId().equals(orderId));
        String id = (String) paymentsOf(orderId).getFirst().get("id");

        Map<String, Object> payment = http.get().uri("/api/payments/{id}", id).retrieve().body(JSON_OBJECT);

        assertThat(payment)
            .containsEntry("status", "DECLINED")
            .containsEntry("declineReason", "INSUFFICIENT_FUNDS")
            .containsEntry("cardToken", "tok_****unds");
    }

    @Test
    void answersAnEmptyPageForAnOrderWithoutPayment() {
        Map<String, Object> page = http.get().uri("/api/payments?orderId={id}", UUID.randomUUID()).retrieve()
            .body(JSON_OBJECT);

        assertThat(page).containsEntry("items", List.of()).containsEntry("page", 0).containsEntry("size", 20)
            .containsEntry("totalElements", 0).containsEntry("totalPages", 0);
    }

    @Test
    void refusesAPageSizeOutOfBoundsNamingIt() {
        ResponseEntity<Map<String, Object>> refused = http.get()
            .uri("/api/payments?orderId={id}&size=101", UUID.randomUUID()).retrieve().toEntity(JSON_OBJECT);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody()).containsEntry("errors",
                List.of(Map.of("field", "size", "message", "must be less than or equal to 100")));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> paymentsOf(UUID orderId) {
        Map<String, Object> page = http.get().uri("/api/payments?orderId={id}", orderId).retrieve().body(JSON_OBJECT);
        return (List<Map<String, Object>>) page.get("items");
    }

    @Test
    void answers404ProblemForAnUnknownPayment() {
        UUID unknown = UUID.randomUUID();

        ResponseEntity<Map<String, Object>> response = http.get().uri("/api/payments/{id}", unknown).retrieve().toEntity(JSON_OBJECT);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody())
            .containsEntry("status", 404)
            .containsEntry("title", "Payment not found")
            .containsEntry("detail", "No payment with id " + unknown);
    }

    @Test
    void answers400ProblemForAMalformedPaymentId() {
        ResponseEntity<Map<String, Object>> response = http.get().uri("/api/payments/not-a-uuid").retrieve().toEntity(JSON_OBJECT);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("status", 400);
        assertThat((String) response.getBody().get("detail")).contains("id");
        assertThat(response.getBody()).containsEntry("type", "https://conveyor.dev/problems/invalid-request");
    }

    @Test
    void answers400ProblemForAMalformedOrMissingOrderId() {
        ResponseEntity<Map<String, Object>> malformed = http.get().uri("/api/payments?orderId=42").retrieve().toEntity(JSON_OBJECT);
        ResponseEntity<Map<String, Object>> missing = http.get().uri("/api/payments").retrieve().toEntity(JSON_OBJECT);

        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(malformed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) missing.getBody().get("detail")).contains("orderId");
    }

    @Test
    void publishesItsOpenApiDescriptionAndSwaggerUi() {
        Map<String, Object> apiDocs = http.get().uri("/v3/api-docs").retrieve().body(JSON_OBJECT);
        ResponseEntity<String> swaggerUi = http.get().uri("/swagger-ui/index.html").retrieve().toEntity(String.class);

        assertThat((Map<String, Object>) apiDocs.get("paths")).containsKeys("/api/payments", "/api/payments/{id}");
        assertThat(swaggerUi.getStatusCode()).isEqualTo(HttpStatus.OK);
        OpenApiLint.assertClean(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(apiDocs),
                PaymentController.class);
    }

    @Test
    void showsWhatTheSimulatedProviderHoldsForAPayment() {
        PaymentAuthorized authorized = authorized(APPROVED_CARD);

        Map<String, Object> ledger = http.get().uri("/actuator/gateway/{key}", authorized.paymentId()).retrieve()
            .body(JSON_OBJECT);

        assertThat(ledger)
            .containsEntry("key", authorized.paymentId().toString())
            .containsEntry("calls", 1)
            .containsEntry("holdsPlaced", 1)
            .containsEntry("holdsAmountNow", true)
            .containsEntry("captures", 0)
            .containsEntry("voids", 0);
    }

    @Test
    void startsAndEndsAnOutageOfTheSimulatedProvider() {
        UUID key = UUID.randomUUID();

        ResponseEntity<Map<String, Object>> started = http.post().uri("/actuator/gateway")
            .contentType(MediaType.APPLICATION_JSON).body(Map.of("unavailableFor", "5m")).retrieve().toEntity(JSON_OBJECT);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(started.getBody()).containsEntry("unavailableFor", "PT5M");
        try {
            assertThatThrownBy(() -> gateway.authorize(key, AMOUNT, APPROVED_CARD))
                .isInstanceOf(GatewayUnavailableException.class);
        } finally {
            http.post().uri("/actuator/gateway").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("unavailableFor", "0s")).retrieve().toBodilessEntity();
        }
        assertThat(gateway.authorize(key, AMOUNT, APPROVED_CARD)).isInstanceOf(GatewayResult.Approved.class);
    }

    @Test
    void refusesAnOutageThatIsNotADurationOrTooLong() {
        for (String unavailableFor : List.of("soon", "2h", "-1s")) {
            ResponseEntity<String> answer = http.post().uri("/actuator/gateway").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("unavailableFor", unavailableFor)).retrieve().toEntity(String.class);
            assertThat(answer.getStatusCode()).as(unavailableFor).isEqualTo(HttpStatus.BAD_REQUEST);
        }
        assertThat(gateway.authorize(UUID.randomUUID(), AMOUNT, APPROVED_CARD)).isInstanceOf(GatewayResult.Approved.class);
    }

    private PaymentAuthorized authorized(String cardToken) {
        UUID orderId = UUID.randomUUID();
        bus.send(new AuthorizePayment(orderId, AMOUNT, cardToken));
        return bus.await(PaymentAuthorized.class, event -> event.orderId().equals(orderId));
    }
}

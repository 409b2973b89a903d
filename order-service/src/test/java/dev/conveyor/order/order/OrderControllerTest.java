package dev.conveyor.order.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.conveyor.events.Money;

import static org.mockito.ArgumentMatchers.any;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The web slice: how requests are validated and how each refusal becomes a problem detail. */
@WebMvcTest(OrderController.class)
class OrderControllerTest {

    private static final String VALID_ORDER = """
            {"customerId": "c-1", "items": [{"sku": "SKU-1", "quantity": 1}],
             "shippingAddress": {"name": "Ada", "line1": "1 Way", "city": "London", "postalCode": "N1", "country": "GB"},
             "payment": {"cardToken": "tok_visa"}}""";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Orders orders;

    @MockitoBean
    OrderAdmission admission;

    @Test
    void refusesANewOrderWith503AndRetryAfterWhileTheServiceIsOverloadedWithoutPlacingIt() throws Exception {
        willThrow(new OrderExceptions.Overloaded(Duration.ofSeconds(3))).given(admission).admitNewOrder();

        mvc.perform(post("/api/orders").header("Idempotency-Key", "k-1")
                .contentType(MediaType.APPLICATION_JSON).content(VALID_ORDER))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "3"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://conveyor.dev/problems/overloaded"))
                .andExpect(jsonPath("$.detail").value(containsString("retry in 3 seconds")));
        // Asked only whether the key answers an order placed before (it does not): nothing is placed.
        then(orders).should(never()).place(any(), any());
    }

    @Test
    void placesAKeyedOrderWithoutLookingTheKeyUpFirstWhileOrdersAreTaken() throws Exception {
        UUID orderId = UUID.randomUUID();
        Instant now = Instant.parse("2026-12-08T00:00:00Z");
        OrderViews.OrderView placed = new OrderViews.OrderView(orderId, "c-1", OrderStatus.PLACED, null, List.of(),
                new Money("1.00", "EUR"), null, List.of(), now, now);
        given(admission.isTakingOrders()).willReturn(true);
        given(orders.place(any(), any())).willReturn(new Orders.Placement(placed, false));

        mvc.perform(post("/api/orders").header("Idempotency-Key", "k-2")
                .contentType(MediaType.APPLICATION_JSON).content(VALID_ORDER))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/orders/" + orderId));
        // Placing claims the key and answers a repeat itself: no lookup before it.
        then(orders).should(never()).placedBefore(any(), any());
        then(admission).should(never()).admitNewOrder();
    }

    @Test
    void rejectsAnInvalidBodyWithFieldErrorsAndWithoutCallingTheUseCase() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content("""
                {"customerId": "", "items": [{"sku": "SKU-1", "quantity": 1001}],
                 "shippingAddress": {"name": "Ada", "line1": "1 Way", "city": "London", "postalCode": "N1", "country": "gb"},
                 "payment": {"cardToken": "tok"}}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.field == 'customerId')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'items[0].quantity')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'shippingAddress.country')]").exists());
        verifyNoInteractions(orders);
    }

    @Test
    void rejectsMalformedJson() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content("{\"items\": [}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void rejectsAnOverlongIdempotencyKey() throws Exception {
        mvc.perform(post("/api/orders").header("Idempotency-Key", "k".repeat(101))
                .contentType(MediaType.APPLICATION_JSON).content(VALID_ORDER))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
    }

    @Test
    void mapsUnknownSkusTo422NamingThem() throws Exception {
        given(orders.place(any(), any())).willThrow(new OrderExceptions.UnknownSkus(List.of("SKU-1")));

        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(VALID_ORDER))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.unknownSkus[0]").value("SKU-1"));
    }

    @Test
    void mapsMixedCurrenciesTo422() throws Exception {
        given(orders.place(any(), any())).willThrow(new MixedCurrenciesException(Set.of("EUR", "USD")));

        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(VALID_ORDER))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.title").value("Mixed currencies"));
    }

    @Test
    void mapsAnUnknownOrderTo404() throws Exception {
        UUID orderId = UUID.randomUUID();
        given(orders.get(orderId)).willThrow(new OrderExceptions.OrderNotFound(orderId));

        mvc.perform(get("/api/orders/{id}", orderId))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("Order " + orderId + " does not exist"));
    }

    @Test
    void mapsARefusedCancelTo409() throws Exception {
        UUID orderId = UUID.randomUUID();
        given(orders.cancel(orderId)).willThrow(new OrderExceptions.CancelRefused(orderId, OrderStatus.SHIPPED));

        mvc.perform(post("/api/orders/{id}/cancel", orderId))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Order cannot be cancelled"));
    }

    @Test
    void rejectsAPageLargerThanTheMaximum() throws Exception {
        mvc.perform(get("/api/orders").param("customerId", "c-1").param("size", "101"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        verifyNoInteractions(orders);
    }

    @Test
    void refusesAnUnacceptableAnswerBeforePlacingTheOrder() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_XML)
                .content(VALID_ORDER))
                .andExpect(status().isNotAcceptable())
                .andExpect(jsonPath("$.type").value("https://conveyor.dev/problems/not-acceptable"));
        verifyNoInteractions(orders);
    }

    @Test
    void refusesAFractionalQuantityInsteadOfTruncatingIt() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content(VALID_ORDER.replace("\"quantity\": 1", "\"quantity\": 1.5")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("items[0].quantity"));
        verifyNoInteractions(orders);
    }

    @Test
    void refusesAQuantityGivenAsAString() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content(VALID_ORDER.replace("\"quantity\": 1", "\"quantity\": \"1\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("items[0].quantity"));
        verifyNoInteractions(orders);
    }

    @Test
    void refusesADuplicateKey() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content(VALID_ORDER.replace("\"customerId\": \"c-1\"", "\"customerId\": \"c-1\", \"customerId\": \"c-2\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://conveyor.dev/problems/invalid-request"));
        verifyNoInteractions(orders);
    }

    @Test
    void refusesANulCharacterAndALoneSurrogateNamingTheField() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content(VALID_ORDER.replace("\"Ada\"", "\"A\\u0000da\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("shippingAddress.name"));
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content(VALID_ORDER.replace("\"London\"", "\"Lon\\ud800don\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("shippingAddress.city"));
        mvc.perform(get("/api/orders").param("customerId", "c\u00001"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("customerId"));
        verifyNoInteractions(orders);
    }

    @Test
    void refusesAnUnknownCountry() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content(VALID_ORDER.replace("\"GB\"", "\"ZZ\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("shippingAddress.country"));
        verifyNoInteractions(orders);
    }

    @Test
    void refusesAPageThatWouldOverflowTheOffset() throws Exception {
        mvc.perform(get("/api/orders").param("customerId", "c-1").param("page", "2147483647"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
        verifyNoInteractions(orders);
    }

    @Test
    void answersAnUnknownOrderWithATypedProblem() throws Exception {
        UUID orderId = UUID.randomUUID();
        given(orders.get(orderId)).willThrow(new OrderExceptions.OrderNotFound(orderId));

        mvc.perform(get("/api/orders/{id}", orderId))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://conveyor.dev/problems/order-not-found"));
    }
}

package dev.conveyor.shipping.shipment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The web slice: request mapping, validation and the problem details of {@link ShipmentProblems}. */
@WebMvcTest(ShipmentController.class)
class ShipmentControllerTest {

    private static final UUID SHIPMENT_ID = UUID.fromString("7d3c8a52-2f4e-4f0e-9d55-6a1d3c1f0b11");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Shipments shipments;

    @Test
    void showsADispatchedShipment() throws Exception {
        given(shipments.dispatch(eq(SHIPMENT_ID), any(), any())).willReturn(dispatchedView());

        mvc.perform(post("/api/shipments/{id}/dispatch", SHIPMENT_ID).contentType(MediaType.APPLICATION_JSON)
                .content("{\"carrier\":\"DHL\"}"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("DISPATCHED"))
            .andExpect(jsonPath("$.trackingNumber").value("DHL-ABCD2345"))
            .andExpect(jsonPath("$.address.city").value("London"))
            .andExpect(jsonPath("$.lines[0].sku").value("SKU-BOOK-1"))
            .andExpect(jsonPath("$.dispatchedAt").value("2026-03-02T15:30:00Z"));
    }

    @Test
    void answersAnIllegalTransitionWithAConflictProblem() throws Exception {
        given(shipments.deliver(SHIPMENT_ID))
            .willThrow(new IllegalShipmentTransitionException(SHIPMENT_ID, "Shipment has not been dispatched yet"));

        mvc.perform(post("/api/shipments/{id}/deliver", SHIPMENT_ID))
            .andExpect(status().isConflict())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.title").value("The shipment's state does not allow this"))
            .andExpect(jsonPath("$.detail").value("Shipment has not been dispatched yet"))
            .andExpect(jsonPath("$.shipmentId").value(SHIPMENT_ID.toString()))
            .andExpect(jsonPath("$.instance").value("/api/shipments/" + SHIPMENT_ID + "/deliver"));
    }

    @Test
    void answersAnUnknownShipmentWithANotFoundProblem() throws Exception {
        given(shipments.get(SHIPMENT_ID)).willThrow(new ShipmentNotFoundException(SHIPMENT_ID));

        mvc.perform(get("/api/shipments/{id}", SHIPMENT_ID))
            .andExpect(status().isNotFound())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.detail").value(containsString(SHIPMENT_ID.toString())));
    }

    @Test
    void namesEveryInvalidFieldOfADispatchRequest() throws Exception {
        mvc.perform(post("/api/shipments/{id}/dispatch", SHIPMENT_ID).contentType(MediaType.APPLICATION_JSON)
                .content("{\"carrier\":\"\",\"trackingNumber\":\"no spaces please\"}"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.errors[*].field").value(hasItem("carrier")))
            .andExpect(jsonPath("$.errors[*].field").value(hasItem("trackingNumber")));
        verifyNoInteractions(shipments);
    }

    @Test
    void answersAMalformedIdWithABadRequestProblem() throws Exception {
        mvc.perform(get("/api/shipments/{id}", "12"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.errors[0].field").value("id"))
            .andExpect(jsonPath("$.errors[0].message").value("must be a UUID"));
        verifyNoInteractions(shipments);
    }

    @Test
    void refusesANulCharacterInTheCarrierNamingTheField() throws Exception {
        mvc.perform(post("/api/shipments/{id}/dispatch", SHIPMENT_ID).contentType(MediaType.APPLICATION_JSON)
                .content("{\"carrier\": \"DH\\u0000L\"}"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.errors[0].field").value("carrier"));
        verifyNoInteractions(shipments);
    }

    @Test
    void answersMalformedJsonWithABadRequestProblem() throws Exception {
        mvc.perform(post("/api/shipments/{id}/dispatch", SHIPMENT_ID).contentType(MediaType.APPLICATION_JSON)
                .content("{\"carrier\":"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(shipments);
    }

    private static ShipmentView dispatchedView() {
        return new ShipmentView(SHIPMENT_ID, UUID.randomUUID(), ShipmentStatus.DISPATCHED,
                new ShipmentView.AddressView("Ada Lovelace", "12 St James's Square", null, "London", "SW1Y 4JH", "GB"),
                List.of(new ShipmentView.LineView("SKU-BOOK-1", 2)), "DHL", "DHL-ABCD2345",
                ShipmentMother.SCHEDULED_AT, Instant.parse("2026-03-02T15:30:00Z"), null, null);
    }
}

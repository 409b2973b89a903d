package dev.conveyor.payment.payment;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static dev.conveyor.payment.payment.PaymentMother.AUTHORIZATION_CODE;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The web slice: JSON views and RFC 9457 problem details, with the application service mocked. */
@WebMvcTest(PaymentController.class)
class PaymentControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Payments payments;

    @Test
    void showsThePaymentsOfAnOrderWithTheMaskedToken() throws Exception {
        Payment payment = PaymentMother.authorized();
        given(payments.ofOrder(payment.orderId())).willReturn(List.of(payment));

        mvc.perform(get("/api/payments").param("orderId", payment.orderId().toString()))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items[0].id").value(payment.id().toString()))
            .andExpect(jsonPath("$.items[0].amount.amount").value("49.90"))
            .andExpect(jsonPath("$.items[0].amount.currency").value("EUR"))
            .andExpect(jsonPath("$.items[0].cardToken").value("tok_****4242"))
            .andExpect(jsonPath("$.items[0].status").value("AUTHORIZED"))
            .andExpect(jsonPath("$.items[0].authorizationCode").value(AUTHORIZATION_CODE))
            .andExpect(content().string(not(containsString(PaymentMother.APPROVED_CARD))));
    }

    @Test
    void showsATombstoneWithoutAmount() throws Exception {
        Payment tombstone = PaymentMother.voidedBeforeAuthorization();
        given(payments.get(tombstone.id())).willReturn(tombstone);

        mvc.perform(get("/api/payments/{id}", tombstone.id()))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("VOIDED"))
            .andExpect(jsonPath("$.amount").doesNotExist());
    }

    @Test
    void answersAnUnknownPaymentWith404Problem() throws Exception {
        UUID id = UUID.randomUUID();
        given(payments.get(id)).willThrow(new PaymentNotFoundException(id));

        mvc.perform(get("/api/payments/{id}", id))
            .andExpect(status().isNotFound())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.title").value("Payment not found"))
            .andExpect(jsonPath("$.detail").value("No payment with id " + id))
            .andExpect(jsonPath("$.instance").value("/api/payments/" + id));
    }

    @Test
    void answersAMalformedIdWith400ProblemWithoutCallingTheService() throws Exception {
        mvc.perform(get("/api/payments/{id}", "12345"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.status").value(400));

        verifyNoInteractions(payments);
    }

    @Test
    void answersAMissingOrderIdWith400Problem() throws Exception {
        mvc.perform(get("/api/payments"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.detail").value(containsString("orderId")));
    }

    @Test
    void answersAnUnexpectedFailureWith500ProblemThatRevealsNothingInternal() throws Exception {
        given(payments.ofOrder(any())).willThrow(new IllegalStateException("connection to db-host:5432 refused"));

        mvc.perform(get("/api/payments").param("orderId", UUID.randomUUID().toString()))
            .andExpect(status().isInternalServerError())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(content().string(not(containsString("db-host"))));
    }
}

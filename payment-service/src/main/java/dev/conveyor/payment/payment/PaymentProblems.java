package dev.conveyor.payment.payment;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.conveyor.web.EdgeProblems;
import dev.conveyor.web.ProblemResponses;

/** The payment API's own refusals as problem details; every other error is answered by the shared edge. */
@RestControllerAdvice
@Order(EdgeProblems.SERVICE_ORDER)
class PaymentProblems {

    @ExceptionHandler(PaymentNotFoundException.class)
    ProblemDetail paymentNotFound(PaymentNotFoundException ex) {
        return ProblemResponses.problem(HttpStatus.NOT_FOUND, "payment-not-found", "Payment not found",
                ex.getMessage());
    }
}

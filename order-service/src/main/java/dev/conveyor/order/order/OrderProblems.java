package dev.conveyor.order.order;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.conveyor.order.order.OrderExceptions.CancelRefused;
import dev.conveyor.order.order.OrderExceptions.DuplicateSkus;
import dev.conveyor.order.order.OrderExceptions.IdempotencyKeyReused;
import dev.conveyor.order.order.OrderExceptions.OrderNotFound;
import dev.conveyor.order.order.OrderExceptions.Overloaded;
import dev.conveyor.order.order.OrderExceptions.TooManyStreams;
import dev.conveyor.order.order.OrderExceptions.UnknownSkus;
import dev.conveyor.web.EdgeProblems;
import dev.conveyor.web.ProblemResponses;

/** The order use cases' refusals as problem details; every other error is answered by the shared edge. */
@RestControllerAdvice
@Order(EdgeProblems.SERVICE_ORDER)
class OrderProblems {

    @ExceptionHandler(OrderNotFound.class)
    ProblemDetail notFound(OrderNotFound ex) {
        return ProblemResponses.problem(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", ex.getMessage());
    }

    @ExceptionHandler(CancelRefused.class)
    ProblemDetail cancelRefused(CancelRefused ex) {
        return ProblemResponses.problem(HttpStatus.CONFLICT, "cancel-refused", "Order cannot be cancelled",
                ex.getMessage());
    }

    @ExceptionHandler(UnknownSkus.class)
    ProblemDetail unknownSkus(UnknownSkus ex) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-skus",
                "Unknown products", ex.getMessage());
        problem.setProperty("unknownSkus", ex.skus());
        return problem;
    }

    @ExceptionHandler(MixedCurrenciesException.class)
    ProblemDetail mixedCurrencies(MixedCurrenciesException ex) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.UNPROCESSABLE_CONTENT, "mixed-currencies",
                "Mixed currencies", ex.getMessage());
        problem.setProperty("currencies", ex.currencies());
        return problem;
    }

    @ExceptionHandler(IdempotencyKeyReused.class)
    ProblemDetail idempotencyKeyReused(IdempotencyKeyReused ex) {
        return ProblemResponses.problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                "Idempotency-Key reused", ex.getMessage());
    }

    @ExceptionHandler(DuplicateSkus.class)
    ProblemDetail duplicateSkus(DuplicateSkus ex) {
        return ProblemResponses.invalidField("items", ex.getMessage());
    }

    @ExceptionHandler(Overloaded.class)
    ResponseEntity<ProblemDetail> overloaded(Overloaded ex) {
        return ProblemResponses.unavailable("overloaded", "Service overloaded", ex.getMessage(), ex.retryAfter());
    }

    @ExceptionHandler(TooManyStreams.class)
    ResponseEntity<ProblemDetail> tooManyStreams(TooManyStreams ex) {
        return ProblemResponses.tooManyRequests("too-many-streams", "Too many open streams", ex.getMessage(),
                ex.retryAfter());
    }
}

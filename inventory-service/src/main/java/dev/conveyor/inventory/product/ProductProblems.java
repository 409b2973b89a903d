package dev.conveyor.inventory.product;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.conveyor.web.EdgeProblems;
import dev.conveyor.web.ProblemResponses;

/** The catalogue's own refusals as problem details; every other error is answered by the shared edge. */
@RestControllerAdvice
@Order(EdgeProblems.SERVICE_ORDER)
class ProductProblems {

    private static final Logger log = LoggerFactory.getLogger(ProductProblems.class);

    @ExceptionHandler
    ProblemDetail productNotFound(ProductNotFoundException ex) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.NOT_FOUND, "product-not-found",
                "Product not found", ex.getMessage());
        problem.setProperty("sku", ex.sku());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail duplicateSku(DuplicateSkuException ex) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.CONFLICT, "duplicate-sku", "Duplicate sku",
                ex.getMessage());
        problem.setProperty("sku", ex.sku());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail stockLimitExceeded(StockLimitExceededException ex) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.CONFLICT, "stock-limit-exceeded",
                "Stock limit exceeded", ex.getMessage());
        problem.setProperty("sku", ex.sku());
        problem.setProperty("limit", Product.MAX_STOCK);
        return problem;
    }

    @ExceptionHandler
    ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException ex) {
        return ProblemResponses.problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                "Idempotency-Key reused", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail priceChangedSince(PriceChangedSinceException ex) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.PRECONDITION_FAILED, "precondition-failed",
                "Price changed since", ex.getMessage());
        problem.setProperty("sku", ex.sku());
        problem.setProperty("priceVersion", ex.currentVersion());
        return problem;
    }

    /** A concurrent request won a race on a unique key (e.g. two registrations of one sku). */
    @ExceptionHandler
    ProblemDetail conflict(DataIntegrityViolationException ex) {
        log.info("Request refused by a database constraint: {}", ex.getMostSpecificCause().getMessage());
        return ProblemResponses.problem(HttpStatus.CONFLICT, "conflict", "Conflict",
                "The request conflicts with the current state of the catalogue; reload and retry");
    }
}

package dev.conveyor.order.order;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.conveyor.order.order.OrderExceptions.CancelRefused;
import dev.conveyor.order.order.OrderExceptions.DuplicateSkus;
import dev.conveyor.order.order.OrderExceptions.IdempotencyKeyReused;
import dev.conveyor.order.order.OrderExceptions.OrderNotFound;
import dev.conveyor.order.order.OrderExceptions.UnknownSkus;

/**
 * Every error of the service's REST API as an RFC 9457 problem detail: Spring MVC's own (malformed JSON, type
 * mismatches, ...) through {@link ResponseEntityExceptionHandler}, validation errors with their field errors, and
 * the order use cases' refusals.
 */
@RestControllerAdvice
class OrderProblems extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ex.getBody();
        problem.setTitle("Invalid request");
        problem.setDetail("The request body has invalid fields");
        problem.setProperty("errors", ex.getBindingResult().getFieldErrors().stream().map(OrderProblems::fieldError)
                .toList());
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid parameters");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", ex.getParameterValidationResults().stream()
                .flatMap(OrderProblems::errors).toList());
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(OrderNotFound.class)
    ProblemDetail notFound(OrderNotFound ex) {
        return problem(HttpStatus.NOT_FOUND, "Order not found", ex.getMessage());
    }

    @ExceptionHandler(CancelRefused.class)
    ProblemDetail cancelRefused(CancelRefused ex) {
        return problem(HttpStatus.CONFLICT, "Order cannot be cancelled", ex.getMessage());
    }

    @ExceptionHandler(UnknownSkus.class)
    ProblemDetail unknownSkus(UnknownSkus ex) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown products", ex.getMessage());
        problem.setProperty("unknownSkus", ex.skus());
        return problem;
    }

    @ExceptionHandler(MixedCurrenciesException.class)
    ProblemDetail mixedCurrencies(MixedCurrenciesException ex) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Mixed currencies", ex.getMessage());
        problem.setProperty("currencies", ex.currencies());
        return problem;
    }

    @ExceptionHandler(IdempotencyKeyReused.class)
    ProblemDetail idempotencyKeyReused(IdempotencyKeyReused ex) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused", ex.getMessage());
    }

    @ExceptionHandler(DuplicateSkus.class)
    ProblemDetail duplicateSkus(DuplicateSkus ex) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request body has invalid fields");
        problem.setProperty("errors", List.of(Map.of("field", "items", "message", ex.getMessage())));
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /** The field errors of a validated body, or the errors of a validated parameter (named after the parameter). */
    private static Stream<Map<String, String>> errors(ParameterValidationResult result) {
        if (result instanceof ParameterErrors body) {
            return body.getFieldErrors().stream().map(OrderProblems::fieldError);
        }
        String name = parameterName(result);
        return result.getResolvableErrors().stream()
                .map(error -> Map.of("field", name, "message", String.valueOf(error.getDefaultMessage())));
    }

    private static String parameterName(ParameterValidationResult result) {
        RequestHeader header = result.getMethodParameter().getParameterAnnotation(RequestHeader.class);
        if (header != null) {
            return header.name();
        }
        return String.valueOf(result.getMethodParameter().getParameterName());
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
    }
}

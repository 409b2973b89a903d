package dev.conveyor.web;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.ValueInstantiationException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.conveyor.web.ProblemResponses.FieldProblem;

/**
 * Every error Spring MVC can raise, as an RFC 9457 problem detail with a type URI: its standard exceptions through
 * {@link ResponseEntityExceptionHandler} (405, 406, 413, 415, ...), invalid input as one 400 listing each invalid
 * field (a body's fields, parameters, headers, unreadable or non-strict JSON), and anything unforeseen as a 500 that is
 * logged and reveals nothing.
 * <p>
 * It is asked last ({@link Ordered#LOWEST_PRECEDENCE}): the outage advice comes first, then each service's
 * {@code <Feature>Problems} (ordered {@link #SERVICE_ORDER}), which map only the service's own exceptions.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class EdgeProblems extends ResponseEntityExceptionHandler {

    /** The order of a service's own problem advice: after the outage advice, before this one. */
    public static final int SERVICE_ORDER = 0;

    private static final Logger log = LoggerFactory.getLogger(EdgeProblems.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(ex, fieldProblems(ex.getBindingResult().getFieldErrors()), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getParameterValidationResults().stream()
            .flatMap(EdgeProblems::fieldProblems)
            .sorted(Comparator.comparing(FieldProblem::field))
            .toList();
        return invalid(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(ex, BodyLimit.TooLarge.class)) {
            ProblemDetail problem = ProblemResponses.problem(HttpStatus.CONTENT_TOO_LARGE, "content-too-large",
                    "Content too large", ProblemResponses.containerDetail(HttpStatus.CONTENT_TOO_LARGE));
            return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        return invalid(ex, List.of(unreadable(ex)), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        return invalid(ex, List.of(new FieldProblem(name, "must be " + expected(ex.getRequiredType()))), headers,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(ex, List.of(new FieldProblem(ex.getParameterName(), "is required")), headers, request);
    }

    /** Gives every problem Spring builds the type and title of its status. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            ProblemResponses.typed(problem);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /** Whatever no handler foresaw: logged with its stack trace here, answered without it. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception ex) {
        log.error("Unexpected error answering a request", ex);
        return ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request failed on an unexpected error; it has been logged.");
    }

    private ResponseEntity<Object> invalid(Exception ex, List<FieldProblem> errors, HttpHeaders headers,
            WebRequest request) {
        ProblemDetail problem = ProblemResponses.invalidRequest(errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    static List<FieldProblem> fieldProblems(Collection<FieldError> errors) {
        return errors.stream()
            .map(error -> new FieldProblem(error.getField(), message(error)))
            .sorted(Comparator.comparing(FieldProblem::field))
            .toList();
    }

    /** What is wrong with a field, without Java names: a value that could not be converted says what it must be. */
    private static String message(FieldError error) {
        if (error.isBindingFailure()) {
            Class<?> type = error.contains(TypeMismatchException.class)
                    ? error.unwrap(TypeMismatchException.class).getRequiredType() : null;
            return "must be " + expected(type);
        }
        return String.valueOf(error.getDefaultMessage());
    }

    /** The field errors of a validated body, or the errors of a validated parameter (named after the parameter). */
    private static Stream<FieldProblem> fieldProblems(ParameterValidationResult result) {
        if (result instanceof ParameterErrors body) {
            return fieldProblems(body.getFieldErrors()).stream();
        }
        RequestHeader header = result.getMethodParameter().getParameterAnnotation(RequestHeader.class);
        String name = header != null && !header.name().isEmpty() ? header.name()
                : String.valueOf(result.getMethodParameter().getParameterName());
        return result.getResolvableErrors().stream()
            .map(error -> new FieldProblem(name, String.valueOf(error.getDefaultMessage())));
    }

    /** Names the field of a body Jackson could not read strictly, and what is wrong with it, without Java names. */
    static FieldProblem unreadable(HttpMessageNotReadableException ex) {
        JacksonException json = jacksonCause(ex);
        if (json == null) {
            return new FieldProblem("body", "is missing or is not JSON");
        }
        String field = path(json);
        if (json instanceof PropertyBindingException) {
            return new FieldProblem(field, "is not a known field");
        }
        if (json instanceof InvalidNullException) {
            return new FieldProblem(field, "must not be null");
        }
        if (json instanceof StrictJson.UnsafeTextException unsafe) {
            return new FieldProblem(field, unsafe.getOriginalMessage());
        }
        if (json instanceof MismatchedInputException mismatch) {
            return new FieldProblem(field, "must be " + expected(mismatch.getTargetType()));
        }
        if (json instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
            return new FieldProblem(field, String.valueOf(instantiation.getCause().getMessage()));
        }
        return new FieldProblem(field, "is not valid JSON: " + json.getOriginalMessage());
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable JacksonException jacksonCause(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JacksonException json) {
                return json;
            }
        }
        return null;
    }

    private static String path(JacksonException json) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : json.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static final Map<Class<?>, String> JSON_TYPES = Map.ofEntries(
            Map.entry(Integer.class, "a whole number"), Map.entry(int.class, "a whole number"),
            Map.entry(Long.class, "a whole number"), Map.entry(long.class, "a whole number"),
            Map.entry(Short.class, "a whole number"), Map.entry(short.class, "a whole number"),
            Map.entry(java.math.BigInteger.class, "a whole number"),
            Map.entry(java.math.BigDecimal.class, "a decimal number or a decimal string"),
            Map.entry(Double.class, "a number"), Map.entry(double.class, "a number"),
            Map.entry(Boolean.class, "true or false"), Map.entry(boolean.class, "true or false"),
            Map.entry(String.class, "a string"), Map.entry(java.util.UUID.class, "a UUID"));

    private static String expected(@Nullable Class<?> type) {
        if (type == null) {
            return "a value of the expected type";
        }
        if (type.isEnum()) {
            return "one of " + Stream.of(type.getEnumConstants()).map(Object::toString).toList();
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return JSON_TYPES.getOrDefault(type, type.isRecord() ? "an object" : "a value of the expected type");
    }
}

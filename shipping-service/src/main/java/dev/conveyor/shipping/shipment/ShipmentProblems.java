package dev.conveyor.shipping.shipment;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error of the shipping API into an RFC 9457 problem detail: bad input 400 (with the fields at fault),
 * unknown shipment 404, a transition the shipment's state refuses 409. Spring MVC's own errors (malformed JSON,
 * missing parameter, wrong method) get their standard problem details from the base class.
 */
@RestControllerAdvice
class ShipmentProblems extends ResponseEntityExceptionHandler {

    private static final URI NOT_FOUND = URI.create("https://conveyor.dev/problems/shipment-not-found");

    private static final URI ILLEGAL_TRANSITION = URI.create("https://conveyor.dev/problems/illegal-shipment-transition");

    private static final URI CONCURRENT_UPDATE = URI.create("https://conveyor.dev/problems/concurrent-update");

    private static final URI INVALID_REQUEST = URI.create("https://conveyor.dev/problems/invalid-request");

    @ExceptionHandler
    ProblemDetail notFound(ShipmentNotFoundException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setType(NOT_FOUND);
        problem.setTitle("Shipment not found");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail illegalTransition(IllegalShipmentTransitionException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setType(ILLEGAL_TRANSITION);
        problem.setTitle("The shipment's state does not allow this");
        problem.setProperty("shipmentId", ex.shipmentId());
        return problem;
    }

    @ExceptionHandler({ OptimisticLockingFailureException.class, PessimisticLockingFailureException.class })
    ProblemDetail concurrentUpdate(RuntimeException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The shipment was changed at the same time; read it again and retry");
        problem.setType(CONCURRENT_UPDATE);
        problem.setTitle("Concurrent update");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "'" + ex.getName() + "' must be a " + (ex.getRequiredType() != null ? ex.getRequiredType().getSimpleName() : "valid value")
                        + ", was '" + ex.getValue() + "'");
        problem.setType(INVALID_REQUEST);
        problem.setTitle("Invalid request");
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ex.getBody();
        problem.setType(INVALID_REQUEST);
        problem.setTitle("Invalid request");
        problem.setDetail("The request has invalid fields");
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
            .map(error -> Map.of("field", error.getField(),
                    "message", String.valueOf(error.getDefaultMessage())))
            .toList();
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, status, request);
    }
}

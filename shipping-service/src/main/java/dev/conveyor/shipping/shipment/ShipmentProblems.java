package dev.conveyor.shipping.shipment;

import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.conveyor.web.EdgeProblems;
import dev.conveyor.web.ProblemResponses;

/**
 * The shipping API's own refusals as problem details: unknown shipment 404, a transition the shipment's state refuses
 * 409, a concurrent change 409. Every other error is answered by the shared edge.
 */
@RestControllerAdvice
@Order(EdgeProblems.SERVICE_ORDER)
class ShipmentProblems {

    @ExceptionHandler
    ProblemDetail notFound(ShipmentNotFoundException ex) {
        return ProblemResponses.problem(HttpStatus.NOT_FOUND, "shipment-not-found", "Shipment not found",
                ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail illegalTransition(IllegalShipmentTransitionException ex) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.CONFLICT, "illegal-shipment-transition",
                "The shipment's state does not allow this", ex.getMessage());
        problem.setProperty("shipmentId", ex.shipmentId());
        return problem;
    }

    @ExceptionHandler({ OptimisticLockingFailureException.class, PessimisticLockingFailureException.class })
    ProblemDetail concurrentUpdate(RuntimeException ex) {
        return ProblemResponses.problem(HttpStatus.CONFLICT, "concurrent-update", "Concurrent update",
                "The shipment was changed at the same time; read it again and retry");
    }
}

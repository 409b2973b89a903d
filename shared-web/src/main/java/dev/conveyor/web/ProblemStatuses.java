package dev.conveyor.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem statuses a handler answers beyond those every handler can (400, 406, 500, 503; 404 with a path
 * variable, 415 with a body): a service's refusals, documented in its OpenAPI as {@code application/problem+json}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ProblemStatuses {

    /** The statuses, e.g. {@code 409}. */
    int[] value();
}

package dev.conveyor.messaging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an exception as a failure that passes by itself: a dependency of the handler is unavailable for now (a payment
 * provider's outage, a timeout). A message whose handler throws it, or anything caused by it, is retried with capped
 * exponential backoff for as long as the failure lasts, and its partition waits: it never goes to the dead-letter
 * topic. Put it on the adapter exception that says "try again later", never on one that a retry cannot cure.
 *
 * @see FailureClassifier
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface TransientFailure {
}

package dev.conveyor.messaging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an exception as meaning "this message can never succeed as it is" (an impossible request, a value its
 * contract allows but this service refuses). A message whose handler throws it, or anything caused by it, goes to the
 * dead-letter topic at once, without retries, with the error in its headers; the partition moves on.
 *
 * @see FailureClassifier
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface PermanentFailure {
}

package dev.conveyor.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Connects a Spring test context to the JVM's shared {@link TestInfrastructure}: the annotated test class gets a
 * fresh PostgreSQL database of its own, the Kafka broker, and its own namespace for topics and consumer groups.
 * <pre>
 * &#64;SpringBootTest
 * &#64;RealInfrastructure
 * class OrderPlacementIT { ... }
 * </pre>
 * The {@link TestDatabase}, the namespace (bean {@code conveyorTestNamespace}) and a {@link MessageBus} on that
 * namespace (recording from the start of the context, closed with it) can be injected into the test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealInfrastructure {
}

package dev.conveyor.messaging;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the saga's correlation id and the id of the message being handled (which {@link MessageContext} keeps in the
 * MDC) on every log line of every service, the same way everywhere, unless a service sets
 * {@code logging.pattern.correlation} itself.
 */
class CorrelationLogPattern implements EnvironmentPostProcessor {

    static final String PATTERN = "[%X{correlationId:-} %X{messageId:-}] ";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("conveyorMessagingLogging",
                Map.of("logging.pattern.correlation", PATTERN)));
    }
}

package dev.conveyor.web;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The settings that make every service answer honestly during an outage, as defaults a service's own configuration
 * overrides (the property source comes last):
 * <ul>
 * <li>a request waits at most 2 s for a database connection, not Hikari's 30 s: a pooled connection to a healthy
 * database is handed out in microseconds and a new one opens in milliseconds, so a longer wait only means the database
 * is away (or the pool saturated), and the caller is better served by a prompt 503 with {@code Retry-After};
 * consumers and the relay retry with their own backoff, so failing fast costs them nothing;</li>
 * <li>readiness follows the database and the broker, liveness only the application itself (a restart would not
 * bring either back);</li>
 * <li>a graceful shutdown that lets running requests finish for up to 15 s per phase, which fits inside the grace
 * periods of docker compose (set to 30 s) and Kubernetes (30 s by default).</li>
 * </ul>
 */
class ServiceDefaults implements EnvironmentPostProcessor {

    static final Map<String, Object> DEFAULTS = Map.of(
            "spring.datasource.hikari.connection-timeout", "2000",
            "spring.datasource.hikari.validation-timeout", "1000",
            "management.endpoint.health.probes.enabled", "true",
            "management.endpoint.health.group.readiness.include", "readinessState,db,kafka",
            "management.endpoint.health.group.liveness.include", "livenessState",
            "server.shutdown", "graceful",
            "spring.lifecycle.timeout-per-shutdown-phase", "15s");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("conveyorServiceDefaults", DEFAULTS));
    }
}

package dev.conveyor.testkit;

import java.util.Locale;

/**
 * Where the test infrastructure comes from: chosen by the system property {@value #PROPERTY} or the
 * environment variable {@value #ENVIRONMENT_VARIABLE}, {@code auto} when neither is set.
 */
public enum InfrastructureMode {

    /** Testcontainers when a Docker engine answers, embedded real servers otherwise. */
    AUTO,
    /** Testcontainers; fails at once when no Docker engine is available. */
    DOCKER,
    /** Embedded real PostgreSQL (zonky binaries) and an in-process KRaft Kafka broker. */
    EMBEDDED;

    public static final String PROPERTY = "conveyor.test.infra";
    public static final String ENVIRONMENT_VARIABLE = "CONVEYOR_TEST_INFRA";

    /** The mode the current JVM is configured for. */
    public static InfrastructureMode configured() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(ENVIRONMENT_VARIABLE);
        }
        return parse(value);
    }

    static InfrastructureMode parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException("Unknown test infrastructure mode '" + value + "' (from " + PROPERTY + " or "
                    + ENVIRONMENT_VARIABLE + "): use auto, docker or embedded");
        }
    }
}

package dev.conveyor.testkit;

import java.util.Locale;

/**
 * How the test PostgreSQL server treats commits. Tests run {@link #FAST}; a benchmark asks for {@link #DURABLE}
 * ({@link TestInfrastructure#get(PostgresDurability)}, or the system property {@value #PROPERTY}), because figures
 * measured without flushing commits say nothing about a real deployment.
 */
public enum PostgresDurability {

    /** fsync, synchronous_commit and full_page_writes off: commits are not flushed, a crash may lose them. */
    FAST,
    /** fsync, synchronous_commit and full_page_writes on (PostgreSQL's defaults): a commit is flushed before its answer. */
    DURABLE;

    public static final String PROPERTY = "conveyor.test.postgres-durability";

    /** The durability the current JVM is configured for: {@code fast} unless {@value #PROPERTY} says otherwise. */
    public static PostgresDurability configured() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return FAST;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException("Unknown PostgreSQL durability '" + value + "' (from " + PROPERTY
                    + "): use fast or durable");
        }
    }
}

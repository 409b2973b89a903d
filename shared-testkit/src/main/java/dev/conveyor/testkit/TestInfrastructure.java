package dev.conveyor.testkit;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The real PostgreSQL server and Kafka broker shared by every test in one JVM: started on first use, stopped
 * when the JVM exits. Tests isolate themselves with {@link #createDatabase fresh databases} and
 * {@link #newNamespace namespaces} for topics and consumer groups, never by starting servers of their own.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private static final String POSTGRES_IMAGE = System.getProperty("conveyor.test.postgres-image", "postgres:17");

    private static final String KAFKA_IMAGE = System.getProperty("conveyor.test.kafka-image", "apache/kafka:4.2.0");

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private static TestInfrastructure instance;

    private final InfrastructureMode mode;

    private final PostgresDurability durability;

    private final PostgresServer postgres;

    private final KafkaBroker kafka;

    private TestInfrastructure(InfrastructureMode mode, PostgresDurability durability, PostgresServer postgres,
            KafkaBroker kafka) {
        this.mode = mode;
        this.durability = durability;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /**
     * The infrastructure of this JVM, started on the first call; its PostgreSQL is {@link PostgresDurability#FAST}
     * unless {@value PostgresDurability#PROPERTY} says otherwise (or a benchmark started it durable).
     */
    public static synchronized TestInfrastructure get() {
        return instance != null ? instance : get(PostgresDurability.configured());
    }

    /**
     * The infrastructure of this JVM, started on the first call with a PostgreSQL of the given durability: a benchmark
     * asks for {@link PostgresDurability#DURABLE}. Fails if this JVM's infrastructure already runs with another one.
     */
    public static synchronized TestInfrastructure get(PostgresDurability durability) {
        if (instance == null) {
            instance = start(InfrastructureMode.configured(), durability);
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "test-infrastructure-shutdown"));
        }
        if (instance.durability != durability) {
            throw new IllegalStateException("This JVM's test PostgreSQL is already running " + instance.durability
                    + ", not " + durability);
        }
        return instance;
    }

    private static TestInfrastructure start(InfrastructureMode configured, PostgresDurability durability) {
        InfrastructureMode mode = resolve(configured);
        long started = System.nanoTime();
        TestInfrastructure infrastructure = (mode == InfrastructureMode.DOCKER)
                ? new TestInfrastructure(mode, durability, ContainerPostgresServer.start(POSTGRES_IMAGE, durability),
                        ContainerKafkaBroker.start(KAFKA_IMAGE))
                : new TestInfrastructure(mode, durability, EmbeddedPostgresServer.start(durability),
                        EmbeddedKafkaBroker.start());
        log.info("Test infrastructure up in {} ms: PostgreSQL ({}) on {}:{}, Kafka on {}",
                (System.nanoTime() - started) / 1_000_000, durability, infrastructure.postgres.host(),
                infrastructure.postgres.port(), infrastructure.kafka.bootstrapServers());
        return infrastructure;
    }

    static InfrastructureMode resolve(InfrastructureMode configured) {
        return switch (configured) {
            case EMBEDDED -> {
                log.info("Test infrastructure mode: embedded ({}=embedded): real PostgreSQL binaries and an in-process KRaft broker",
                        InfrastructureMode.ENVIRONMENT_VARIABLE);
                yield InfrastructureMode.EMBEDDED;
            }
            case DOCKER -> {
                if (!dockerAvailable()) {
                    throw new IllegalStateException(InfrastructureMode.ENVIRONMENT_VARIABLE
                            + "=docker, but no Docker engine answers. Start Docker, or run with "
                            + InfrastructureMode.ENVIRONMENT_VARIABLE + "=embedded (or auto).");
                }
                log.info("Test infrastructure mode: docker ({}=docker): Testcontainers {} and {}",
                        InfrastructureMode.ENVIRONMENT_VARIABLE, POSTGRES_IMAGE, KAFKA_IMAGE);
                yield InfrastructureMode.DOCKER;
            }
            case AUTO -> {
                if (dockerAvailable()) {
                    log.info("Test infrastructure mode: docker (auto: a Docker engine answered): Testcontainers {} and {}",
                            POSTGRES_IMAGE, KAFKA_IMAGE);
                    yield InfrastructureMode.DOCKER;
                }
                log.info("Test infrastructure mode: embedded (auto: no Docker engine available): "
                        + "real PostgreSQL binaries and an in-process KRaft broker");
                yield InfrastructureMode.EMBEDDED;
            }
        };
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    public InfrastructureMode mode() {
        return mode;
    }

    public PostgresDurability durability() {
        return durability;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** A new database with its own owner role; see {@link PostgresServer#createDatabase(String)}. */
    public TestDatabase createDatabase(String hint) {
        return postgres.createDatabase(hint);
    }

    /**
     * A new namespace, unique in this JVM, to prefix topic names and consumer group ids with, so that tests
     * sharing the broker never see each other's records.
     */
    public String newNamespace(String hint) {
        String base = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return "t" + NAMESPACES.incrementAndGet() + "-" + base;
    }

    /**
     * The Spring Boot properties that connect an application to a database of this infrastructure and to its broker
     * under a namespace: for tests that start services without Spring's test context.
     */
    public Map<String, String> springProperties(TestDatabase database, String namespace) {
        return Map.of("spring.datasource.url", database.jdbcUrl(), "spring.datasource.username", database.username(),
                "spring.datasource.password", database.password(), "spring.kafka.bootstrap-servers",
                kafka.bootstrapServers(), NamespaceProperty.NAME, namespace);
    }

    private void stop() {
        try {
            kafka.close();
        }
        catch (RuntimeException ex) {
            log.warn("Kafka broker did not stop cleanly: {}", ex.getMessage());
        }
        try {
            postgres.close();
        }
        catch (Exception ex) {
            log.warn("PostgreSQL did not stop cleanly: {}", ex.getMessage());
        }
    }
}

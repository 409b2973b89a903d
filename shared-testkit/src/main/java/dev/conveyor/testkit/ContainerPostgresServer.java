package dev.conveyor.testkit;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** PostgreSQL in a Testcontainers container, used when a Docker engine is available. */
final class ContainerPostgresServer extends PostgresServer {

    private final PostgreSQLContainer container;

    private ContainerPostgresServer(PostgreSQLContainer container) {
        this.container = container;
    }

    static ContainerPostgresServer start(String image, PostgresDurability durability) {
        PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(image));
        if (durability == PostgresDurability.DURABLE) {
            container.withCommand("postgres", "-c", "max_connections=300");
        }
        else {
            container.withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off", "-c",
                    "synchronous_commit=off", "-c", "full_page_writes=off");
        }
        container.start();
        return new ContainerPostgresServer(container);
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    @Override
    protected String superuser() {
        return container.getUsername();
    }

    @Override
    protected String superuserPassword() {
        return container.getPassword();
    }

    @Override
    public void close() {
        container.stop();
    }
}

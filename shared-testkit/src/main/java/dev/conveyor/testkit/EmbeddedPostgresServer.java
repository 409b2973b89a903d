package dev.conveyor.testkit;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL 17 server run from the zonky binaries, without Docker. */
final class EmbeddedPostgresServer extends PostgresServer {

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedPostgresServer start(PostgresDurability durability) {
        String flush = durability == PostgresDurability.DURABLE ? "on" : "off";
        try {
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", flush)
                .setServerConfig("synchronous_commit", flush)
                .setServerConfig("full_page_writes", flush)
                .start());
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not start embedded PostgreSQL: " + ex.getMessage(), ex);
        }
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return postgres.getPort();
    }

    @Override
    protected String superuser() {
        return "postgres";
    }

    @Override
    protected String superuserPassword() {
        return "postgres";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}

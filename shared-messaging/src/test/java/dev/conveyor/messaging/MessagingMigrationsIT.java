package dev.conveyor.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;

import dev.conveyor.testkit.TestDatabase;
import dev.conveyor.testkit.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** A database a service already migrated (its V1 applied) still gets a messaging migration added later. */
class MessagingMigrationsIT {

    @Test
    void aLaterMessagingMigrationIsAppliedBelowTheServicesOwn(@TempDir Path released) throws IOException {
        TestDatabase database = TestInfrastructure.get().createDatabase("migrations");
        // The database as an earlier release left it: the first two messaging migrations and the service's V1.
        copy("db/messaging/V0_1__create_outbox.sql", released);
        copy("db/messaging/V0_2__create_inbox.sql", released);
        copy("db/testapp/V1__create_ledger.sql", released);
        Flyway.configure().dataSource(database.dataSource()).locations("filesystem:" + released).load().migrate();

        FluentConfiguration plain = Flyway.configure().dataSource(database.dataSource())
            .locations("classpath:db/messaging", "classpath:db/testapp");
        assertThatException().isThrownBy(() -> plain.load().migrate()).withMessageContaining("0.3");

        FluentConfiguration customized = Flyway.configure().dataSource(database.dataSource())
            .locations("classpath:db/messaging", "classpath:db/testapp");
        new MessagingAutoConfiguration().conveyorMessagingMigrationsOutOfOrder(new MockEnvironment()).customize(customized);
        customized.load().migrate();

        assertThat(new JdbcTemplate(database.dataSource()).queryForObject(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'outbox' AND column_name = 'parked_at'",
                Integer.class)).isOne();
    }

    @Test
    void aServiceThatSetsOutOfOrderItselfDecides() {
        FluentConfiguration configuration = Flyway.configure();
        new MessagingAutoConfiguration()
            .conveyorMessagingMigrationsOutOfOrder(new MockEnvironment().withProperty("spring.flyway.out-of-order", "false"))
            .customize(configuration);
        assertThat(configuration.isOutOfOrder()).isFalse();
    }

    private static void copy(String resource, Path directory) throws IOException {
        try (InputStream in = MessagingMigrationsIT.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, directory.resolve(Path.of(resource).getFileName()));
        }
    }
}

package dev.conveyor.inventory;

import org.junit.jupiter.api.Test;

import dev.conveyor.testkit.ArchitectureRules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The inventory service keeps the architecture rules every service keeps ({@link ArchitectureRules}, where they are
 * shown to fail on planted violations): domain code knows neither Spring nor Kafka, and packages depend one way.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.conveyor.inventory";

    @Test
    void followsTheArchitectureRules() {
        assertThatCode(() -> ArchitectureRules.assertFollowedBy(ROOT)).doesNotThrowAnyException();
    }

    @Test
    void countsTheAggregatesAsDomainCodeAndTheSpringBeansNot() {
        assertThat(ArchitectureRules.domainClassNames(ROOT))
            .contains("Product", "Reservation", "ReservationStatus", "IllegalReservationTransitionException")
            .doesNotContain("Products", "Reservations", "ReservationCommandHandlers", "ProductRepository",
                    "DemoCatalogueProperties", "InventoryServiceApplication");
    }
}

package dev.conveyor.payment;

import org.junit.jupiter.api.Test;

import dev.conveyor.testkit.ArchitectureRules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The payment service keeps the architecture rules every service keeps ({@link ArchitectureRules}, where they are
 * shown to fail on planted violations): domain code knows neither Spring nor Kafka, and packages depend one way.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.conveyor.payment";

    @Test
    void followsTheArchitectureRules() {
        assertThatCode(() -> ArchitectureRules.assertFollowedBy(ROOT)).doesNotThrowAnyException();
    }

    @Test
    void countsTheAggregatesAsDomainCodeAndTheSpringBeansNot() {
        assertThat(ArchitectureRules.domainClassNames(ROOT))
            .contains("Payment", "PaymentStatus", "MaskedCardToken", "IllegalPaymentTransitionException", "PaymentGateway",
                    "GatewayResult")
            .doesNotContain("Payments", "PaymentCommandHandlers", "PaymentRepository", "SimulatedPaymentGateway",
                    "SimulatedGatewaySettings", "PaymentServiceApplication");
    }
}

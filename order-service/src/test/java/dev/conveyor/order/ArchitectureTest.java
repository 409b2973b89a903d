package dev.conveyor.order;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import dev.conveyor.order.catalogue.CatalogueProduct;
import dev.conveyor.order.order.CancellationReason;
import dev.conveyor.order.order.MixedCurrenciesException;
import dev.conveyor.order.order.Order;
import dev.conveyor.order.order.OrderLine;
import dev.conveyor.order.order.OrderStatus;
import dev.conveyor.order.order.ShippingAddress;
import dev.conveyor.order.order.StatusChange;
import dev.conveyor.order.saga.FulfilmentSaga;
import dev.conveyor.order.saga.Outcome;
import dev.conveyor.order.saga.SagaCommand;
import dev.conveyor.order.saga.SagaEvent;
import dev.conveyor.order.saga.SagaMessages;
import dev.conveyor.order.saga.SagaState;
import dev.conveyor.order.saga.Step;
import dev.conveyor.order.saga.Transition;
import dev.conveyor.order.saga.Trigger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The domain (the order aggregate, the saga's table and state, the catalogue product) knows no Spring and no Kafka,
 * including through annotations; JPA annotations are tolerated on entities.
 */
class ArchitectureTest {

    private static final Class<?>[] DOMAIN = { Order.class, OrderLine.class, OrderStatus.class, StatusChange.class,
            ShippingAddress.class, CancellationReason.class, MixedCurrenciesException.class, FulfilmentSaga.class,
            Transition.class, Trigger.class, Outcome.class, SagaCommand.class, SagaEvent.class, SagaState.class,
            Step.class, SagaMessages.class, CatalogueProduct.class };

    static final ArchRule DOMAIN_KNOWS_NO_SPRING_NOR_KAFKA = noClasses()
            .that().belongToAnyOf(DOMAIN)
            .or().haveSimpleNameStartingWith("PlantedDomainViolation")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..")
            .because("the domain is plain Java: the aggregate and the saga table are tested without Spring");

    @Test
    void domainKnowsNoSpringNorKafka() {
        JavaClasses domain = new ClassFileImporter().importClasses(DOMAIN);
        DOMAIN_KNOWS_NO_SPRING_NOR_KAFKA.check(domain);
    }

    @Test
    void theRuleFailsOnAPlantedViolation() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedDomainViolation.class,
                PlantedDomainViolationByAnnotation.class);

        assertThatThrownBy(() -> DOMAIN_KNOWS_NO_SPRING_NOR_KAFKA.check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("PlantedDomainViolation.")
                .hasMessageContaining("PlantedDomainViolationByAnnotation");
    }

    /** A domain class calling Spring. */
    static class PlantedDomainViolation {
        boolean inTransaction() {
            return org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive();
        }
    }

    /** A domain class that depends on Spring only through an annotation. */
    @org.springframework.stereotype.Component
    static class PlantedDomainViolationByAnnotation {
    }
}

package dev.conveyor.shipping;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Component;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.metaAnnotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keeps Spring and Kafka out of the domain: in a feature package, every class that is not a Spring component
 * (service, controller, advice, handler) or a Spring Data repository is domain code: the aggregate, its values, its
 * exceptions, the request and view records. Dependencies through annotations count, not only imports and calls.
 */
class DomainArchitectureTest {

    static ArchRule domainKnowsNeitherSpringNorKafka(String packageIdentifier) {
        return noClasses().that().resideInAPackage(packageIdentifier)
            .and(not(metaAnnotatedWith(Component.class)))
            .and(not(assignableTo(Repository.class)))
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..")
            .as("domain classes of " + packageIdentifier + " should depend on neither Spring nor Kafka");
    }

    @Test
    void domainOfTheShipmentFeatureDependsOnNeitherSpringNorKafka() {
        JavaClasses production = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.conveyor.shipping");

        assertThatCode(() -> domainKnowsNeitherSpringNorKafka("dev.conveyor.shipping.shipment..").check(production))
            .doesNotThrowAnyException();
    }

    @Test
    void ruleFailsOnPlantedViolationsIncludingAnAnnotationOnlyDependency() {
        JavaClasses planted = new ClassFileImporter().importPackages("dev.conveyor.shipping.archfixture");

        assertThatThrownBy(() -> domainKnowsNeitherSpringNorKafka("dev.conveyor.shipping.archfixture..").check(planted))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("SpringCallingDomainClass")
            .hasMessageContaining("SpringAnnotatedDomainClass")
            .hasMessageContaining("KafkaUsingDomainClass");
    }
}

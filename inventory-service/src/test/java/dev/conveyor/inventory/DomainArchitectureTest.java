package dev.conveyor.inventory;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Component;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.metaAnnotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keeps Spring and Kafka out of the domain: in a feature package, every class that is not a Spring component
 * (service, controller, advice, handler), a Spring Data repository or a configuration properties record is domain code:
 * the aggregates, their values, their exceptions, the request and view records. A new class is covered by the rule the
 * moment it is written. Dependencies through annotations count, not only imports and calls; JPA annotations are
 * tolerated. The planted classes of {@code dev.conveyor.archfixture} prove the rule can fail.
 */
class DomainArchitectureTest {

    private static final String FEATURE_PACKAGES = "dev.conveyor.inventory.*..";

    static DescribedPredicate<JavaClass> domainClassesIn(String packageIdentifier) {
        return resideInAPackage(packageIdentifier)
            .and(not(metaAnnotatedWith(Component.class)))
            .and(not(assignableTo(Repository.class)))
            .and(not(annotatedWith(ConfigurationProperties.class)))
            .as("domain classes of " + packageIdentifier);
    }

    static ArchRule domainKnowsNeitherSpringNorKafka(String packageIdentifier) {
        return noClasses().that(domainClassesIn(packageIdentifier))
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..")
            .because("the domain model must stay free of frameworks other than JPA (STYLE.md, principle 3)");
    }

    private static final JavaClasses INVENTORY = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.conveyor.inventory");

    private static final JavaClasses PLANTED = new ClassFileImporter().importPackages("dev.conveyor.archfixture");

    @Test
    void domainOfEveryFeaturePackageDependsOnNeitherSpringNorKafka() {
        assertThat(INVENTORY.stream().filter(domainClassesIn(FEATURE_PACKAGES)::test).map(JavaClass::getSimpleName))
            .contains("Product", "Reservation", "ReservationStatus", "IllegalReservationTransitionException")
            .doesNotContain("Products", "Reservations", "ReservationCommandHandlers", "ProductRepository",
                    "DemoCatalogueProperties", "InventoryServiceApplication");

        assertThatCode(() -> domainKnowsNeitherSpringNorKafka(FEATURE_PACKAGES).check(INVENTORY))
            .doesNotThrowAnyException();
    }

    @Test
    void ruleFailsOnPlantedViolationsIncludingAnAnnotationOnlyDependency() {
        assertThatThrownBy(() -> domainKnowsNeitherSpringNorKafka("dev.conveyor.archfixture..").check(PLANTED))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("org.springframework.transaction.annotation.Transactional")
            .hasMessageContaining("org.apache.kafka.clients.producer.ProducerRecord")
            .message().doesNotContain("PlainDomain");
    }
}

package dev.conveyor.order;

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
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.metaAnnotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The order service's rules, by package. In a feature package, every class that is not a Spring component (service,
 * controller, advice, handler), a Spring Data repository or typed configuration is domain code (the aggregate, its
 * saga table and values, the catalogue product, request and view records) and knows neither Spring nor Kafka,
 * dependencies through annotations included; JPA annotations are tolerated on entities. Packages depend one way:
 * no cycles. Each rule is shown to fail on a planted violation in {@code archfixture}.
 */
class ArchitectureTest {

    static ArchRule domainKnowsNeitherSpringNorKafka(String... packageIdentifiers) {
        return noClasses().that().resideInAnyPackage(packageIdentifiers)
            .and(not(metaAnnotatedWith(Component.class)))
            .and(not(annotatedWith(ConfigurationProperties.class)))
            .and(not(assignableTo(Repository.class)))
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..")
            .as("domain classes should depend on neither Spring nor Kafka");
    }

    static ArchRule packagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    private static JavaClasses production() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.conveyor.order");
    }

    @Test
    void domainDependsOnNeitherSpringNorKafka() {
        assertThatCode(() -> domainKnowsNeitherSpringNorKafka("dev.conveyor.order.order..",
                "dev.conveyor.order.catalogue..").check(production()))
            .doesNotThrowAnyException();
    }

    @Test
    void packagesDependOneWay() {
        assertThatCode(() -> packagesAreFreeOfCycles("dev.conveyor.order").check(production()))
            .doesNotThrowAnyException();
    }

    @Test
    void theDomainRuleFailsOnPlantedViolationsIncludingAnAnnotationOnlyDependency() {
        JavaClasses planted = new ClassFileImporter().importPackages("dev.conveyor.order.archfixture");

        assertThatThrownBy(() -> domainKnowsNeitherSpringNorKafka("dev.conveyor.order.archfixture..").check(planted))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("SpringCallingDomainClass")
            .hasMessageContaining("SpringAnnotatedDomainClass")
            .hasMessageContaining("KafkaUsingDomainClass");
    }

    @Test
    void theCycleRuleFailsOnAPlantedCycle() {
        JavaClasses planted = new ClassFileImporter().importPackages("dev.conveyor.order.archfixture.cycle");

        assertThatThrownBy(() -> packagesAreFreeOfCycles("dev.conveyor.order.archfixture.cycle").check(planted))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("first")
            .hasMessageContaining("second");
    }
}

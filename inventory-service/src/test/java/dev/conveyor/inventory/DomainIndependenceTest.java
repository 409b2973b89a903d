package dev.conveyor.inventory;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The domain model (the aggregates and their value types) knows no Spring and no Kafka; JPA annotations are
 * tolerated. Annotations count as dependencies, so a Spring annotation on a domain class fails the rule too; the
 * planted classes of {@code dev.conveyor.archfixture} prove the rule can fail.
 */
class DomainIndependenceTest {

    /** The domain classes, nested classes included; add a new aggregate or value type here. */
    private static final Set<String> DOMAIN_CLASSES = Set.of(
            "dev.conveyor.inventory.product.Product",
            "dev.conveyor.inventory.reservation.Reservation",
            "dev.conveyor.inventory.reservation.ReservationLine",
            "dev.conveyor.inventory.reservation.ReservationShortage",
            "dev.conveyor.inventory.reservation.ReservationStatus");

    private static final JavaClasses INVENTORY = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.conveyor.inventory");

    private static final JavaClasses PLANTED = new ClassFileImporter().importPackages("dev.conveyor.archfixture");

    @Test
    void keepsSpringAndKafkaOutOfTheDomain() {
        assertThat(INVENTORY.stream().map(JavaClass::getName)).containsAll(DOMAIN_CLASSES);

        noSpringOrKafkaIn(domainClassesNamed(DOMAIN_CLASSES)).check(INVENTORY);
    }

    @Test
    void failsOnASpringAnnotation() {
        ArchRule rule = noSpringOrKafkaIn(domainClassesNamed(Set.of("dev.conveyor.archfixture.AnnotatedWithSpring")));

        assertThatThrownBy(() -> rule.check(PLANTED)).isInstanceOf(AssertionError.class)
            .hasMessageContaining("org.springframework.transaction.annotation.Transactional");
    }

    @Test
    void failsOnAKafkaDependency() {
        ArchRule rule = noSpringOrKafkaIn(domainClassesNamed(Set.of("dev.conveyor.archfixture.UsingKafka")));

        assertThatThrownBy(() -> rule.check(PLANTED)).isInstanceOf(AssertionError.class)
            .hasMessageContaining("org.apache.kafka.clients.producer.ProducerRecord");
    }

    @Test
    void acceptsAClassWithoutFrameworkDependencies() {
        noSpringOrKafkaIn(domainClassesNamed(Set.of("dev.conveyor.archfixture.PlainDomain"))).check(PLANTED);
    }

    private static ArchRule noSpringOrKafkaIn(DescribedPredicate<JavaClass> domain) {
        return noClasses().that(domain)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "org.apache.kafka..")
            .because("the domain model must stay free of frameworks other than JPA (STYLE.md, principle 3)");
    }

    private static DescribedPredicate<JavaClass> domainClassesNamed(Set<String> names) {
        return DescribedPredicate.describe("are domain classes " + names,
                javaClass -> names.contains(javaClass.getName())
                        || names.stream().anyMatch(name -> javaClass.getName().startsWith(name + "$")));
    }
}

package dev.conveyor.payment.payment;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.stereotype.Component;

import dev.conveyor.payment.gateway.GatewayResult;
import dev.conveyor.payment.gateway.GatewayUnavailableException;
import dev.conveyor.payment.gateway.PaymentGateway;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Keeps Spring and Kafka out of the domain: the aggregate, its state and value types, and the gateway port. */
class DomainIndependenceTest {

    /** The domain types; a new one belongs in this list. */
    private static final DescribedPredicate<JavaClass> DOMAIN = belongToAnyOf(Payment.class, PaymentStatus.class,
            MaskedCardToken.class, PaymentGateway.class, GatewayResult.class, GatewayUnavailableException.class);

    private static final JavaClasses PRODUCTION_CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.conveyor.payment");

    static ArchRule knowsNeitherSpringNorKafka(DescribedPredicate<JavaClass> domain) {
        return noClasses().that(domain)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..")
            .because("the domain is plain Java (JPA annotations tolerated): frameworks stay in the adapters");
    }

    @Test
    void domainDependsOnNeitherSpringNorKafka() {
        knowsNeitherSpringNorKafka(DOMAIN).check(PRODUCTION_CLASSES);
    }

    @Test
    void ruleCatchesADomainClassThatIsOnlyAnnotatedWithSpring() {
        JavaClasses planted = new ClassFileImporter().importClasses(AnnotatedWithSpring.class);

        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(() -> knowsNeitherSpringNorKafka(belongToAnyOf(AnnotatedWithSpring.class)).check(planted));
    }

    @Test
    void ruleCatchesADomainClassThatUsesKafka() {
        JavaClasses planted = new ClassFileImporter().importClasses(UsesKafka.class);

        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(() -> knowsNeitherSpringNorKafka(belongToAnyOf(UsesKafka.class)).check(planted));
    }

    /** A planted violation: nothing but an annotation ties it to Spring. */
    @Component
    static class AnnotatedWithSpring {
    }

    /** A planted violation: a Kafka type in a signature. */
    static class UsesKafka {

        ProducerRecord<String, String> record() {
            return null;
        }
    }
}

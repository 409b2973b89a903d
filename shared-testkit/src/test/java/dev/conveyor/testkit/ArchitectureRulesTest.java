package dev.conveyor.testkit;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared rules fail on planted violations, an annotation-only dependency included, and on a planted cycle. */
class ArchitectureRulesTest {

    private static final String FIXTURE = "dev.conveyor.testkit.archfixture";

    private static final JavaClasses PLANTED = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void countsEveryClassButComponentsAsDomainCode() {
        assertThat(PLANTED.stream().filter(ArchitectureRules.domainClassesIn(FIXTURE + "..")::test)
            .map(JavaClass::getSimpleName))
            .contains("PlainDomainClass", "SpringCallingDomainClass", "SpringAnnotatedDomainClass",
                    "KafkaUsingDomainClass")
            .doesNotContain("SpringComponent");
    }

    @Test
    void theDomainRuleFailsOnPlantedViolationsIncludingAnAnnotationOnlyDependency() {
        assertThatThrownBy(() -> ArchitectureRules.domainKnowsNeitherSpringNorKafka(FIXTURE + "..").check(PLANTED))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("SpringCallingDomainClass")
            .hasMessageContaining("SpringAnnotatedDomainClass")
            .hasMessageContaining("org.springframework.transaction.annotation.Transactional")
            .hasMessageContaining("KafkaUsingDomainClass")
            .message().doesNotContain("PlainDomainClass").doesNotContain("SpringComponent");
    }

    @Test
    void theCycleRuleFailsOnAPlantedCycle() {
        assertThatThrownBy(() -> ArchitectureRules.featurePackagesDependOneWay(FIXTURE + ".cycle").check(PLANTED))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("first")
            .hasMessageContaining("second");
    }

}

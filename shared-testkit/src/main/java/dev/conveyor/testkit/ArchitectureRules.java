package dev.conveyor.testkit;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.metaAnnotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture rules every service keeps, by package, so that a new class is covered the moment it is written:
 * <ul>
 * <li>in a feature package, every class that is not a Spring component (service, controller, advice, handler), a
 * Spring Data repository or typed configuration is domain code (aggregates, their values and exceptions, transition
 * tables, request and view records) and depends on neither Spring nor Kafka, through annotations included; JPA
 * annotations are tolerated (STYLE.md, principle 3);</li>
 * <li>feature packages depend one way: no cycles between them.</li>
 * </ul>
 * A service's test calls {@link #assertFollowedBy(String)} with its root package; this module's own test shows each
 * rule failing on planted violations.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** Checks both rules on the production classes under {@code rootPackage} (e.g. {@code dev.conveyor.order}). */
    public static void assertFollowedBy(String rootPackage) {
        JavaClasses production = productionClasses(rootPackage);
        domainKnowsNeitherSpringNorKafka(featurePackages(rootPackage)).check(production);
        featurePackagesDependOneWay(rootPackage).check(production);
    }

    /** The classes of {@code rootPackage} that main code holds (tests excluded). */
    public static JavaClasses productionClasses(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(rootPackage);
    }

    /** The simple names of the production classes under the root that the domain rule counts as domain code. */
    public static List<String> domainClassNames(String rootPackage) {
        return productionClasses(rootPackage).stream().filter(domainClassesIn(featurePackages(rootPackage))::test)
            .map(JavaClass::getSimpleName).toList();
    }

    /** Every feature package under the root: {@code root.*..}. */
    public static String featurePackages(String rootPackage) {
        return rootPackage + ".*..";
    }

    /** The domain classes of the packages an ArchUnit package identifier names. */
    public static DescribedPredicate<JavaClass> domainClassesIn(String packageIdentifier) {
        return resideInAPackage(packageIdentifier)
            .and(not(metaAnnotatedWith("org.springframework.stereotype.Component")))
            .and(not(assignableTo("org.springframework.data.repository.Repository")))
            .and(not(annotatedWith("org.springframework.boot.context.properties.ConfigurationProperties")))
            .as("domain classes of " + packageIdentifier);
    }

    /** No domain class of the packages depends on Spring or Kafka. */
    public static ArchRule domainKnowsNeitherSpringNorKafka(String packageIdentifier) {
        return noClasses().that(domainClassesIn(packageIdentifier))
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..")
            .because("the domain model must stay free of frameworks other than JPA (STYLE.md, principle 3)");
    }

    /** The packages right under the root depend on each other one way only. */
    public static ArchRule featurePackagesDependOneWay(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles()
            .because("packages depend one way (STYLE.md, principle 1)");
    }
}

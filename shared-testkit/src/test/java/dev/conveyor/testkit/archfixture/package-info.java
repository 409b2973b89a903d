/** Classes that break the architecture rules on purpose, to prove that {@code ArchitectureRulesTest} fails on them. */
package dev.conveyor.testkit.archfixture;

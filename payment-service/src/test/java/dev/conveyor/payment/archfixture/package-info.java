/** Classes that break the domain rule on purpose, to prove that {@code DomainArchitectureTest} fails on them. */
package dev.conveyor.payment.archfixture;

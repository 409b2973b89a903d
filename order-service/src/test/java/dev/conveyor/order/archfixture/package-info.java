/** Classes that break the architecture rules on purpose, to prove that {@code ArchitectureTest} fails on them. */
package dev.conveyor.order.archfixture;

package dev.conveyor.shipping.archfixture;

import org.springframework.util.Assert;

/** A planted violation: a domain class that calls Spring code. Only {@code DomainArchitectureTest} reads it. */
class SpringCallingDomainClass {

    void check(String value) {
        Assert.hasText(value, "value");
    }
}

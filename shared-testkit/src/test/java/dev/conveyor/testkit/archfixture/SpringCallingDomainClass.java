package dev.conveyor.testkit.archfixture;

import org.springframework.util.Assert;

/** A planted violation: a domain class that calls Spring code. */
class SpringCallingDomainClass {

    void check(String value) {
        Assert.hasText(value, "value");
    }
}

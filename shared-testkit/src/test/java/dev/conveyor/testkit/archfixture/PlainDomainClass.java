package dev.conveyor.testkit.archfixture;

import java.time.Instant;

/** Domain code that keeps the rule: the JDK only. */
class PlainDomainClass {

    Instant now() {
        return Instant.EPOCH;
    }
}

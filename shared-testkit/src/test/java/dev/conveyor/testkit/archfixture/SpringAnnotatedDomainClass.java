package dev.conveyor.testkit.archfixture;

import org.springframework.transaction.annotation.Transactional;

/** A planted violation that only an annotation carries: the blind spot a rule on imports would miss. */
class SpringAnnotatedDomainClass {

    @Transactional
    void change() {
    }
}

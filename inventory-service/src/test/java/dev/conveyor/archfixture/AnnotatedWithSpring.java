package dev.conveyor.archfixture;

import org.springframework.transaction.annotation.Transactional;

/** A planted violation: a "domain" class whose only Spring dependency is an annotation. */
public class AnnotatedWithSpring {

    @Transactional
    public void change() {
    }
}

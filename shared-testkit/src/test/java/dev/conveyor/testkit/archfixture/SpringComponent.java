package dev.conveyor.testkit.archfixture;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Not domain code: an application service may use Spring (a meta-annotated component). */
@Service
class SpringComponent {

    @Transactional
    void change() {
    }
}

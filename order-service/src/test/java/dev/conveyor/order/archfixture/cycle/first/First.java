package dev.conveyor.order.archfixture.cycle.first;

import dev.conveyor.order.archfixture.cycle.second.Second;

/** A planted package cycle: first depends on second, which depends on first. */
public class First {

    public Second second() {
        return new Second();
    }
}

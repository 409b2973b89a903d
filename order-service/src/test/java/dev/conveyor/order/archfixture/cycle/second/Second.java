package dev.conveyor.order.archfixture.cycle.second;

import dev.conveyor.order.archfixture.cycle.first.First;

/** The other half of the planted package cycle. */
public class Second {

    public First first() {
        return new First();
    }
}

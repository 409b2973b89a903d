package dev.conveyor.testkit.archfixture.cycle.first;

import dev.conveyor.testkit.archfixture.cycle.second.Second;

/** One end of a planted package cycle. */
public class First {

    Second second;
}

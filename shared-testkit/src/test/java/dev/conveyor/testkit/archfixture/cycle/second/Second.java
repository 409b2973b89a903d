package dev.conveyor.testkit.archfixture.cycle.second;

import dev.conveyor.testkit.archfixture.cycle.first.First;

/** The other end of a planted package cycle. */
public class Second {

    First first;
}

package dev.conveyor.archfixture;

/** A class with no framework dependency: the rule must accept it. */
public class PlainDomain {

    public int twice(int value) {
        return 2 * value;
    }
}

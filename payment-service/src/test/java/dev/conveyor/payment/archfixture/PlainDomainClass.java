package dev.conveyor.payment.archfixture;

/** A class with no framework dependency: the rule must accept it. */
class PlainDomainClass {

    int twice(int value) {
        return 2 * value;
    }
}

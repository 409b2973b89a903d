package dev.conveyor.inventory.product;

/** A stock change the product's levels do not allow: reserving more than is available, releasing or committing more than is reserved. */
class IllegalProductTransitionException extends IllegalStateException {

    IllegalProductTransitionException(String message) {
        super(message);
    }
}

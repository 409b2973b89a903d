/**
 * Events owned by the order service, published on {@code orders.events} and keyed by orderId.
 */
package dev.conveyor.events.order;

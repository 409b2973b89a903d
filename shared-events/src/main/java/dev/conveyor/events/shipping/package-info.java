/**
 * Shipping's contract: commands it accepts on {@code shipping.commands} and the events it publishes on
 * {@code shipping.events}, all keyed by orderId.
 */
package dev.conveyor.events.shipping;

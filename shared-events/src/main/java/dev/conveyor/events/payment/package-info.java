/**
 * Payment's contract: commands it accepts on {@code payments.commands} and the events it publishes on
 * {@code payments.events}, all keyed by orderId.
 */
package dev.conveyor.events.payment;

/**
 * Payments of orders: the {@link dev.conveyor.payment.payment.Payment} aggregate and its state machine, the
 * application service that authorises through the gateway port and captures and voids, the command handlers of
 * {@code payments.commands} and the read-only REST API.
 */
package dev.conveyor.payment.payment;

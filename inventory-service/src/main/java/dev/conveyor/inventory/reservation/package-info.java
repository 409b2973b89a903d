/**
 * Reservations of stock for orders: the {@link dev.conveyor.inventory.reservation.Reservation} aggregate (one per
 * orderId, all lines or none), its application service and the handler of {@code inventory.commands}. Inventory knows
 * nothing of orders beyond the opaque orderId a command carries.
 */
package dev.conveyor.inventory.reservation;

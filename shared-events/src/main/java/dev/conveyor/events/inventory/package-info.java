/**
 * Inventory's contract: commands it accepts on {@code inventory.commands} (keyed by orderId) and the events it
 * publishes on {@code inventory.events} (reservation outcomes keyed by orderId, catalogue events keyed by sku).
 */
package dev.conveyor.events.inventory;

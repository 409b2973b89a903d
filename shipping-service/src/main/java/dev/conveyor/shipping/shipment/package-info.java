/**
 * Shipments: scheduled and cancelled by the fulfilment saga's commands on {@code shipping.commands}, dispatched and
 * delivered by the warehouse through REST, every outcome published on {@code shipping.events}.
 */
package dev.conveyor.shipping.shipment;

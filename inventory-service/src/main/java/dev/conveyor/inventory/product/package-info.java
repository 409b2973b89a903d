/**
 * The catalogue: products with their price and stock levels ({@link dev.conveyor.inventory.product.Product}), the
 * operators' REST API, and the demo catalogue. Stock changes made for reservations go through
 * {@link dev.conveyor.inventory.product.Product}'s public stock methods, on rows locked with
 * {@link dev.conveyor.inventory.product.ProductLocks}.
 */
package dev.conveyor.inventory.product;

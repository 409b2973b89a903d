package dev.conveyor.inventory.product;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** {@code POST /api/products/{sku}/restock}. */
record RestockRequest(@NotNull @Positive @Max(Product.MAX_STOCK) Integer quantity) {
}

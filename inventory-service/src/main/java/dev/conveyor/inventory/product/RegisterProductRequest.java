package dev.conveyor.inventory.product;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.conveyor.events.Bounds;

/** {@code POST /api/products}. */
record RegisterProductRequest(
        @NotBlank @Size(max = Bounds.SKU)
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "must be letters, digits, '.', '_' or '-'") String sku,
        @NotBlank @Size(max = Bounds.PRODUCT_NAME) String name,
        @NotNull @Valid PriceRequest price,
        @NotNull @PositiveOrZero @Max(Product.MAX_STOCK) Integer initialStock) {

    Products.NewProduct toNewProduct() {
        return new Products.NewProduct(sku, name.strip(), price.toMoney(), initialStock);
    }
}

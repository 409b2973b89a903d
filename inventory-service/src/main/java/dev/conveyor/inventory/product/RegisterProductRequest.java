package dev.conveyor.inventory.product;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** {@code POST /api/products}. */
record RegisterProductRequest(
        @NotBlank @Size(max = 64)
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "must be letters, digits, '.', '_' or '-'") String sku,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Valid PriceRequest price,
        @NotNull @PositiveOrZero @Max(Product.MAX_STOCK) Integer initialStock) {

    Products.NewProduct toNewProduct() {
        return new Products.NewProduct(sku, name.strip(), price.toMoney(), initialStock);
    }
}

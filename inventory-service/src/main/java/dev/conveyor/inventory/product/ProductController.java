package dev.conveyor.inventory.product;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The catalogue for the storefront (browse with availability) and for operators (register, restock, reprice). */
@RestController
@RequestMapping("/api/products")
@Tag(name = "products", description = "The catalogue with prices and stock availability")
class ProductController {

    private final Products products;

    ProductController(Products products) {
        this.products = products;
    }

    @GetMapping
    @Operation(summary = "Lists every product with its price and stock levels, by sku")
    List<ProductView> list() {
        return products.list();
    }

    @GetMapping("/{sku}")
    @Operation(summary = "Shows one product with its price and stock levels")
    ProductView get(@PathVariable String sku) {
        return products.get(sku);
    }

    @PostMapping
    @Operation(summary = "Registers a product; publishes ProductRegistered and StockAdjusted")
    ResponseEntity<ProductView> register(@Valid @RequestBody RegisterProductRequest request) {
        ProductView registered = products.register(request.toNewProduct());
        URI location = ServletUriComponentsBuilder.fromCurrentRequest()
            .path("/{sku}")
            .buildAndExpand(registered.sku())
            .toUri();
        return ResponseEntity.created(location).body(registered);
    }

    @PostMapping("/{sku}/restock")
    @Operation(summary = "Adds received goods to the stock on hand; publishes StockAdjusted")
    ProductView restock(@PathVariable String sku, @Valid @RequestBody RestockRequest request) {
        return products.restock(sku, request.quantity());
    }

    @PutMapping("/{sku}/price")
    @Operation(summary = "Changes the price; publishes ProductPriceChanged unless the price is unchanged")
    ProductView changePrice(@PathVariable String sku, @Valid @RequestBody PriceRequest request) {
        return products.changePrice(sku, request.toMoney());
    }
}

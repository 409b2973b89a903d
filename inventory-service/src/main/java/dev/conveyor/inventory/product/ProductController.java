package dev.conveyor.inventory.product;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.conveyor.events.Bounds;
import dev.conveyor.web.PageQuery;
import dev.conveyor.web.PageView;
import dev.conveyor.web.PlainText;
import dev.conveyor.web.ProblemStatuses;

/** The catalogue for the storefront (browse with availability) and for operators (register, restock, reprice). */
@RestController
@RequestMapping(path = "/api/products", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "products", description = "The catalogue with prices and stock availability")
class ProductController {

    private final Products products;

    ProductController(Products products) {
        this.products = products;
    }

    @GetMapping
    @Operation(summary = "Lists the products with their prices and stock levels, by sku, a page at a time")
    PageView<ProductView> listProducts(@Valid PageQuery page) {
        return products.list(page);
    }

    @GetMapping("/{sku}")
    @Operation(summary = "Shows one product with its price and stock levels")
    ResponseEntity<ProductView> getProduct(@PathVariable @Size(max = Bounds.SKU) @PlainText String sku) {
        ProductView product = products.get(sku);
        return ResponseEntity.ok().eTag(product.etag()).body(product);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @ProblemStatuses(409)
    @Operation(summary = "Registers a product; publishes ProductRegistered and StockAdjusted")
    ResponseEntity<ProductView> registerProduct(@Valid @RequestBody RegisterProductRequest request) {
        ProductView registered = products.register(request.toNewProduct());
        URI location = ServletUriComponentsBuilder.fromCurrentRequest()
            .path("/{sku}")
            .buildAndExpand(registered.sku())
            .toUri();
        return ResponseEntity.created(location).body(registered);
    }

    @PostMapping("/{sku}/restock")
    @ProblemStatuses({ 409, 422 })
    @Operation(summary = "Adds received goods to the stock on hand; publishes StockAdjusted",
            description = "With an Idempotency-Key, a repeat answers the first result and restocks nothing more; the "
                    + "key used for another sku or quantity is a 422.")
    ProductView restockProduct(@PathVariable @Size(max = Bounds.SKU) @PlainText String sku,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 100) @PlainText
            String idempotencyKey,
            @Valid @RequestBody RestockRequest request) {
        return products.restock(sku, request.quantity(), idempotencyKey);
    }

    @PutMapping("/{sku}/price")
    @ProblemStatuses(412)
    @Operation(summary = "Changes the price; publishes ProductPriceChanged unless the price is unchanged",
            description = "With If-Match (the ETag of GET, the price version quoted), a price changed since is a 412 "
                    + "and nothing is written; without it the change is unconditional.")
    ResponseEntity<ProductView> changeProductPrice(@PathVariable @Size(max = Bounds.SKU) @PlainText String sku,
            @RequestHeader(name = "If-Match", required = false) @Size(max = 200) @PlainText String ifMatch,
            @Valid @RequestBody PriceRequest request) {
        ProductView changed = products.changePrice(sku, request.toMoney(), PriceVersions.fromIfMatch(ifMatch));
        return ResponseEntity.ok().eTag(changed.etag()).body(changed);
    }
}

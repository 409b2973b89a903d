package dev.conveyor.order.catalogue;

import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.conveyor.web.PageQuery;
import dev.conveyor.web.PageView;

/** The catalogue the storefront shows: every orderable product with the price orders are charged. */
@RestController
@RequestMapping(path = "/api/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
class CatalogueController {

    private final Catalogue catalogue;

    CatalogueController(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** By sku. */
    @GetMapping
    PageView<Catalogue.PricedProduct> listCatalogue(@Valid PageQuery page) {
        return catalogue.list(page);
    }
}

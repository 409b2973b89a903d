package dev.conveyor.order.catalogue;

import org.springframework.stereotype.Component;

import dev.conveyor.events.inventory.ProductPriceChanged;
import dev.conveyor.events.inventory.ProductRegistered;
import dev.conveyor.messaging.MessageHandler;

/** Feeds the catalogue replica from inventory's catalogue events (keyed by sku, so one product's arrive in order). */
@Component
class CatalogueHandlers {

    private final Catalogue catalogue;

    CatalogueHandlers(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @MessageHandler
    void on(ProductRegistered event) {
        catalogue.onRegistered(event);
    }

    @MessageHandler
    void on(ProductPriceChanged event) {
        catalogue.onPriceChanged(event);
    }
}

package dev.conveyor.order.catalogue;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.conveyor.events.Money;
import dev.conveyor.events.inventory.ProductPriceChanged;
import dev.conveyor.events.inventory.ProductRegistered;
import dev.conveyor.web.PageQuery;
import dev.conveyor.web.PageView;

/** The catalogue replica: kept current from inventory's events, read to price orders and by the storefront. */
@Service
public class Catalogue {

    private static final Logger log = LoggerFactory.getLogger(Catalogue.class);

    private final CatalogueRepository products;

    private final Clock clock;

    Catalogue(CatalogueRepository products, Clock clock) {
        this.products = products;
        this.clock = clock;
    }

    /** A product as orders are priced: its name and current price. */
    public record PricedProduct(String sku, String name, Money price) {

        static PricedProduct of(CatalogueProduct product) {
            return new PricedProduct(product.sku(), product.name(), product.price());
        }
    }

    @Transactional
    void onRegistered(ProductRegistered event) {
        products.findById(event.sku()).ifPresentOrElse(
                product -> {
                    boolean changed = product.register(event.name(), event.price(), clock.instant());
                    log.info("Catalogue: {} registered ({})", event.sku(), changed ? "applied" : "already known");
                },
                () -> {
                    products.save(CatalogueProduct.registered(event.sku(), event.name(), event.price(), clock.instant()));
                    log.info("Catalogue: {} registered at {}", event.sku(), event.price());
                });
    }

    @Transactional
    void onPriceChanged(ProductPriceChanged event) {
        products.findById(event.sku()).ifPresentOrElse(
                product -> {
                    boolean applied = product.changePrice(event.newPrice(), event.priceVersion(), clock.instant());
                    log.info("Catalogue: {} price version {} {}", event.sku(), event.priceVersion(),
                            applied ? "applied" : "ignored (not newer than version " + product.priceVersion() + ")");
                },
                () -> {
                    products.save(CatalogueProduct.priceChangedBeforeRegistration(event.sku(), event.newPrice(),
                            event.priceVersion(), clock.instant()));
                    log.info("Catalogue: {} price version {} arrived before its registration", event.sku(),
                            event.priceVersion());
                });
    }

    /** The orderable products among the skus, by sku; a sku missing from the answer is unknown. */
    @Transactional(readOnly = true)
    public Map<String, PricedProduct> lookup(Collection<String> skus) {
        return products.findRegistered(skus).stream().map(PricedProduct::of)
                .collect(Collectors.toMap(PricedProduct::sku, Function.identity()));
    }

    @Transactional(readOnly = true)
    PageView<PricedProduct> list(PageQuery query) {
        Page<CatalogueProduct> found = products.findByNameIsNotNullOrderBySku(PageRequest.of(query.page(), query.size()));
        return PageView.of(found.getContent().stream().map(PricedProduct::of).toList(), query, found.getTotalElements());
    }
}

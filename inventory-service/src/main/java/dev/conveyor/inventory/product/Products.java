package dev.conveyor.inventory.product;

import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.conveyor.events.Message;
import dev.conveyor.events.Money;
import dev.conveyor.messaging.Outbox;
import dev.conveyor.web.PageQuery;
import dev.conveyor.web.PageView;

/** The catalogue's use cases: each change of a product and the events stating it commit together. */
@Service
class Products {

    private static final Logger log = LoggerFactory.getLogger(Products.class);

    private final ProductRepository products;

    private final Outbox outbox;

    private final RestockRequests restocks;

    private final Clock clock;

    Products(ProductRepository products, Outbox outbox, RestockRequests restocks, Clock clock) {
        this.products = products;
        this.outbox = outbox;
        this.restocks = restocks;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    PageView<ProductView> list(PageQuery query) {
        Page<Product> found = products.findAllByOrderBySku(PageRequest.of(query.page(), query.size()));
        return PageView.of(found.getContent().stream().map(ProductView::of).toList(), query, found.getTotalElements());
    }

    @Transactional(readOnly = true)
    ProductView get(String sku) {
        return products.findById(sku).map(ProductView::of).orElseThrow(() -> new ProductNotFoundException(sku));
    }

    /**
     * Registers a new product; publishes ProductRegistered and StockAdjusted.
     * @throws DuplicateSkuException when the sku is already registered
     */
    @Transactional
    ProductView register(NewProduct product) {
        if (products.existsById(product.sku())) {
            throw new DuplicateSkuException(product.sku());
        }
        Product registered = Product.register(product.sku(), product.name(), product.price(), product.initialStock(),
                clock.instant());
        // Flushed now, so that a concurrent registration of the same sku fails here and not at commit.
        products.saveAndFlush(registered);
        publish(registered.registrationEvents());
        log.info("Registered product {} with {} in stock", registered.sku(), registered.onHand());
        return ProductView.of(registered);
    }

    /** Registers the product unless its sku exists (whatever its details); answers whether it registered it. */
    @Transactional
    boolean registerIfAbsent(NewProduct product) {
        if (products.existsById(product.sku())) {
            return false;
        }
        register(product);
        return true;
    }

    /**
     * Adds received goods to a product's stock once per {@code idempotencyKey} (when one is given): a repeat answers
     * what the first restock answered and changes nothing.
     * @throws IdempotencyKeyReusedException when the key was used for another sku or quantity
     */
    @Transactional
    ProductView restock(String sku, int quantity, String idempotencyKey) {
        if (idempotencyKey == null) {
            return restock(sku, quantity);
        }
        if (!restocks.claim(idempotencyKey, sku, quantity, clock.instant())) {
            RestockRequests.Earlier earlier = restocks.find(idempotencyKey).orElseThrow();
            if (!earlier.sku().equals(sku) || earlier.quantity() != quantity) {
                throw new IdempotencyKeyReusedException(idempotencyKey);
            }
            log.info("Restock of {} with Idempotency-Key {} repeated: answered as the first time", sku, idempotencyKey);
            return earlier.answer();
        }
        ProductView answer = restock(sku, quantity);
        restocks.answered(idempotencyKey, answer);
        return answer;
    }

    /**
     * Adds received goods to a product's stock; publishes StockAdjusted.
     * @throws StockLimitExceededException when the stock on hand would pass {@link Product#MAX_STOCK}
     */
    @Transactional
    ProductView restock(String sku, int quantity) {
        Product product = lock(sku);
        if (quantity > Product.MAX_STOCK - product.onHand()) {
            throw new StockLimitExceededException(sku, product.onHand(), quantity);
        }
        publish(product.restock(quantity));
        log.info("Restocked {} of {}: {} on hand", quantity, sku, product.onHand());
        return ProductView.of(product);
    }

    /** Changes a product's price; publishes ProductPriceChanged unless the price is the same. */
    @Transactional
    ProductView changePrice(String sku, Money price) {
        return changePrice(sku, price, OptionalLong.empty());
    }

    /**
     * Changes a product's price if it is still at the expected price version (when one is given).
     * @throws PriceChangedSinceException when the price version is not the expected one
     */
    @Transactional
    ProductView changePrice(String sku, Money price, OptionalLong expectedVersion) {
        Product product = lock(sku);
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != product.priceVersion()) {
            throw new PriceChangedSinceException(sku, product.priceVersion());
        }
        Money oldPrice = product.price();
        List<Message> changed = product.changePrice(price, clock.instant());
        if (!changed.isEmpty()) {
            log.info("Changed the price of {} from {} to {} (price version {})", sku, oldPrice, product.price(),
                    product.priceVersion());
        }
        publish(changed);
        return ProductView.of(product);
    }

    private void publish(List<Message> messages) {
        messages.forEach(outbox::publish);
    }

    private Product lock(String sku) {
        return products.lockBySku(sku).orElseThrow(() -> new ProductNotFoundException(sku));
    }

    /** A product to register. */
    record NewProduct(String sku, String name, Money price, int initialStock) {
    }
}

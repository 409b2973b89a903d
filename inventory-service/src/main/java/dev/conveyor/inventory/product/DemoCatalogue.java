package dev.conveyor.inventory.product;

import java.math.BigDecimal;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import dev.conveyor.events.Money;

/**
 * Registers a plausible catalogue for demos when {@code conveyor.demo.enabled=true}. It goes through
 * {@link Products} like an operator would, so the ProductRegistered events reach the order service's catalogue
 * replica; skus already registered are left alone, so a restart changes nothing.
 */
@Component
class DemoCatalogue {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogue.class);

    static final List<Products.NewProduct> PRODUCTS = List.of(
            product("SKU-1001", "Espresso cup, white porcelain", "8.90", 120),
            product("SKU-1002", "Stoneware mug, 350 ml", "12.50", 80),
            product("SKU-1003", "Pour-over coffee dripper", "24.00", 35),
            product("SKU-1004", "Hand coffee grinder, ceramic burr", "59.90", 20),
            product("SKU-1005", "Gooseneck kettle, 1 l", "44.95", 15),
            product("SKU-1006", "Paper filters, pack of 100", "4.99", 300),
            product("SKU-1007", "Whole bean coffee, Ethiopia, 250 g", "11.80", 60),
            product("SKU-1008", "Whole bean coffee, Colombia, 250 g", "10.90", 60),
            product("SKU-1009", "Loose leaf green tea, 100 g", "7.40", 45),
            product("SKU-1010", "Cast iron teapot, 800 ml", "39.00", 10),
            product("SKU-1011", "Glass storage jar, 1 l", "9.95", 70),
            product("SKU-1012", "Bamboo serving tray", "18.50", 25),
            product("SKU-1013", "Linen tea towel, set of 2", "14.90", 90),
            product("SKU-1014", "Milk frother, battery powered", "16.99", 40),
            product("SKU-1015", "Digital kitchen scale", "21.50", 30),
            product("SKU-1016", "French press, 1 l", "34.90", 18),
            product("SKU-1017", "Reusable travel cup, 400 ml", "19.90", 55),
            product("SKU-1018", "Coffee table book: The Roaster's Year", "29.00", 12),
            product("SKU-1019", "Cold brew bottle, 1 l", "27.50", 22),
            product("SKU-1020", "Descaling tablets, pack of 6", "6.49", 150));

    private final DemoCatalogueProperties properties;

    private final Products products;

    DemoCatalogue(DemoCatalogueProperties properties, Products products) {
        this.properties = properties;
        this.products = products;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerWhenEnabled() {
        if (!properties.enabled()) {
            return;
        }
        long registered = PRODUCTS.stream().filter(this::registerIfAbsent).count();
        log.info("Demo catalogue: registered {} of {} products (the others existed)", registered, PRODUCTS.size());
    }

    private boolean registerIfAbsent(Products.NewProduct product) {
        try {
            return products.registerIfAbsent(product);
        }
        catch (DataIntegrityViolationException ex) {
            // Another instance registered the same sku at the same moment: it is there, which is all we want.
            return false;
        }
    }

    private static Products.NewProduct product(String sku, String name, String price, int stock) {
        return new Products.NewProduct(sku, name, new Money(price, "EUR"), stock);
    }
}

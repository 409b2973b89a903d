package dev.conveyor.inventory.product;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.events.inventory.ProductRegistered;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;
import dev.conveyor.web.PageQuery;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code conveyor.demo.enabled=true} the demo catalogue is registered through the domain, once. */
@SpringBootTest(properties = "conveyor.demo.enabled=true")
@RealInfrastructure
class DemoCatalogueIT {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DemoCatalogue demoCatalogue;

    @Autowired
    Products products;

    private static final PageQuery ALL = new PageQuery(0, PageQuery.MAX_SIZE);

    @Autowired
    MessageBus bus;

    @Test
    void registersTheDemoProductsSoThatTheirRegistrationsArePublished() {
        List<String> demoSkus = DemoCatalogue.PRODUCTS.stream().map(Products.NewProduct::sku).toList();

        assertThat(demoSkus).hasSizeGreaterThanOrEqualTo(20).doesNotHaveDuplicates();
        assertThat(products.list(ALL).items()).extracting(ProductView::sku).containsExactlyElementsOf(demoSkus);
        assertThat(products.list(ALL).items()).allSatisfy(product -> {
            assertThat(product.price().currency()).isEqualTo("EUR");
            assertThat(product.onHand()).isPositive();
        });
        demoSkus.forEach(sku -> bus.await(ProductRegistered.class, event -> event.sku().equals(sku)));
    }

    @Test
    void skipsProductsThatAreAlreadyRegistered() {
        long published = publishedAboutTheDemoProducts();
        ProductView before = products.restock("SKU-1001", 1);

        demoCatalogue.registerWhenEnabled();

        assertThat(products.get("SKU-1001")).isEqualTo(before);
        assertThat(products.list(ALL).items()).hasSize(DemoCatalogue.PRODUCTS.size());
        assertThat(publishedAboutTheDemoProducts()).as("the restock's StockAdjusted, nothing more").isEqualTo(published + 1);
    }

    /** How many messages the service has published about the demo products, each once, once its outbox is sent. */
    private long publishedAboutTheDemoProducts() {
        Set<String> demoSkus = Set.copyOf(DemoCatalogue.PRODUCTS.stream().map(Products.NewProduct::sku).toList());
        bus.awaitRelayed(jdbc.getDataSource());
        return bus.receivedOnce().stream().filter(record -> demoSkus.contains(record.key())).count();
    }
}

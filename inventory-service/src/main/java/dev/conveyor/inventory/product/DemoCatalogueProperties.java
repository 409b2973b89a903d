package dev.conveyor.inventory.product;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo catalogue ({@code conveyor.demo.*}).
 *
 * @param enabled whether the demo products are registered at start-up (those whose sku exists are skipped)
 */
@ConfigurationProperties("conveyor.demo")
record DemoCatalogueProperties(@DefaultValue("false") boolean enabled) {
}

package dev.conveyor.system;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** What every end-to-end test needs: the running system, its APIs, the invariants, and products of its own. */
abstract class SystemTest {

    static final Duration SETTLE = Duration.ofSeconds(120);

    final RunningSystem system = RunningSystem.get();

    final Api api = new Api(system);

    final Invariants invariants = new Invariants(api);

    /** Registers a product with a unique sku through inventory and waits until the storefront can sell it. */
    String newProduct(int stock) {
        String sku = "SYS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        api.registerProduct(sku, "19.99", stock);
        await().alias(sku + " in the storefront catalogue").atMost(SETTLE).until(() -> api.catalogueHas(sku));
        return sku;
    }

    String awaitStatus(UUID orderId, String... statuses) {
        return await().alias("order " + orderId + " in " + Arrays.toString(statuses))
            .atMost(SETTLE)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> api.status(orderId), status -> Arrays.asList(statuses).contains(status));
    }

    UUID awaitShipment(UUID orderId) {
        return await().alias("a shipment for " + orderId).atMost(SETTLE)
            .until(() -> api.shipments(orderId), shipments -> !shipments.isEmpty())
            .getFirst().path("id").asString().transform(UUID::fromString);
    }
}

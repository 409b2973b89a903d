package dev.conveyor.system;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Components go away while orders arrive; when they come back every order completes, nothing lost, nothing twice. */
class FaultToleranceIT extends SystemTest {

    @Test
    void ordersPlacedWhileTheBrokerIsDownCompleteWhenItIsBack() {
        String sku = newProduct(20);
        system.broker.stop();
        List<UUID> orders = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                orders.add(api.placeOrderAccepted(sku, 1, "tok_visa"));
            }
            orders.forEach(orderId -> assertThat(api.status(orderId)).isEqualTo("PLACED"));
        }
        finally {
            system.broker.start();
        }

        orders.forEach(orderId -> awaitStatus(orderId, "CONFIRMED"));
        orders.forEach(invariants::hold);
        invariants.stockAddsUp(sku, 20, orders);
    }

    @Test
    void ordersPlacedWhileThePaymentServiceIsDownCompleteAfterItRestartsAndAreChargedOnce() {
        String sku = newProduct(20);
        system.payment.stop();
        List<UUID> orders = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                orders.add(api.placeOrderAccepted(sku, 1, "tok_visa"));
            }
            orders.forEach(orderId -> awaitStatus(orderId, "STOCK_RESERVED"));
        }
        finally {
            system.payment.start();
            system.payment.awaitHealthy();
        }

        orders.forEach(orderId -> awaitStatus(orderId, "CONFIRMED"));
        orders.forEach(invariants::hold);
        orders.forEach(orderId -> assertThat(api.payments(orderId)).hasSize(1));
        invariants.stockAddsUp(sku, 20, orders);
    }
}

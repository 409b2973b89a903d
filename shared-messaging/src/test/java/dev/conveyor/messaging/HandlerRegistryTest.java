package dev.conveyor.messaging;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.events.payment.CapturePayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class HandlerRegistryTest {

    @Test
    void registersHandlersByTypeAndKnowsTheirTopics() {
        HandlerRegistry registry = new HandlerRegistry();
        Handlers handlers = new Handlers();
        registry.postProcessAfterInitialization(handlers, "handlers");

        HandlerRegistry.Handler handler = registry.forCeType("dev.conveyor.inventory.ReserveStock.v1");
        handler.invoke(new ReserveStock(UUID.randomUUID(), List.of(new StockLine("SKU-1", 1))), null);

        assertThat(handlers.calls).isEqualTo(1);
        assertThat(handler.transactional()).isTrue();
        assertThat(registry.forCeType("dev.conveyor.payment.CapturePayment.v1").transactional()).isFalse();
        assertThat(registry.consumedTopics()).containsExactly("inventory.commands", "payments.commands");
        assertThat(registry.forCeType("dev.conveyor.inventory.ReleaseStock.v1")).isNull();
    }

    @Test
    void refusesTwoHandlersForOneType() {
        HandlerRegistry registry = new HandlerRegistry();
        registry.postProcessAfterInitialization(new Handlers(), "first");

        assertThatIllegalStateException().isThrownBy(() -> registry.postProcessAfterInitialization(new Handlers(), "second"))
            .withMessageContaining("Two @MessageHandler methods for dev.conveyor.inventory.ReserveStock.v1");
    }

    @Test
    void refusesAHandlerThatDoesNotTakeAMessage() {
        assertThatIllegalStateException()
            .isThrownBy(() -> new HandlerRegistry().postProcessAfterInitialization(new Misshapen(), "misshapen"))
            .withMessageContaining("must take a message record");
    }

    static class Handlers {

        int calls;

        @MessageHandler
        void on(ReserveStock command) {
            calls++;
        }

        @MessageHandler(transactional = false)
        void on(CapturePayment command, MessageMetadata metadata) {
        }
    }

    static class Misshapen {

        @MessageHandler
        void on(String text) {
        }
    }
}

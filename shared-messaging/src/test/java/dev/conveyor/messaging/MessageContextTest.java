package dev.conveyor.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.conveyor.events.MessageTypes;
import dev.conveyor.events.inventory.StockReleased;

import static org.assertj.core.api.Assertions.assertThat;

class MessageContextTest {

    @Test
    void startsANewCorrelationAndTraceOutsideAHandler() {
        UUID orderId = UUID.randomUUID();
        Map<String, String> headers = headersFor(new StockReleased(orderId, List.of()));

        assertThat(headers).containsEntry("correlationid", orderId.toString())
            .containsEntry("subject", orderId.toString())
            .containsEntry("source", "/inventory-service")
            .containsEntry("type", "dev.conveyor.inventory.StockReleased.v1")
            .doesNotContainKey("causationid");
        assertThat(headers.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void continuesTheCorrelationCauseAndTraceOfTheMessageBeingHandled() {
        UUID causeId = UUID.randomUUID();
        String parentTrace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        MessageMetadata cause = new MessageMetadata(causeId, "dev.conveyor.inventory.ReserveStock.v1", "/order-service",
                "o-1", Instant.now(), "saga-42", null, parentTrace, "inventory.commands", 0, 7);

        Map<String, String> headers = MessageContext.runWithin(cause,
                () -> headersFor(new StockReleased(UUID.randomUUID(), List.of())));

        assertThat(headers).containsEntry("correlationid", "saga-42").containsEntry("causationid", causeId.toString());
        assertThat(headers.get("traceparent")).startsWith("00-0af7651916cd43dd8448eb211c80319c-")
            .isNotEqualTo(parentTrace);
        assertThat(headersFor(new StockReleased(UUID.randomUUID(), List.of()))).doesNotContainKey("causationid");
    }

    @Test
    void ignoresAMalformedParentTrace() {
        assertThat(MessageContext.traceId("garbage")).isNull();
        assertThat(MessageContext.childTraceparent("01-zz")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    private static Map<String, String> headersFor(StockReleased message) {
        return MessageContext.headersFor(UUID.randomUUID(), MessageTypes.of(StockReleased.class), message, Instant.now());
    }
}

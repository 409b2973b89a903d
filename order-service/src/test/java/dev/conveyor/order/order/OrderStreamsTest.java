package dev.conveyor.order.order;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.conveyor.order.order.OrderExceptions.TooManyStreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderStreamsTest {

    private final OrderStreams streams = new OrderStreams(new StreamSettings(3, 2, Duration.ofMinutes(30),
            Duration.ofSeconds(5), Duration.ofSeconds(15)));

    @Test
    void refusesACustomerMoreStreamsThanTheirShareAndLeavesTheOthersTheirs() {
        streams.open(UUID.randomUUID(), "ada");
        streams.open(UUID.randomUUID(), "ada");

        assertThatThrownBy(() -> streams.open(UUID.randomUUID(), "ada")).isInstanceOf(TooManyStreams.class)
                .hasMessageContaining("ada").extracting(ex -> ((TooManyStreams) ex).retryAfter())
                .isEqualTo(Duration.ofSeconds(5));
        streams.open(UUID.randomUUID(), "grace");
        assertThat(streams.openStreams()).as("a refused stream is not counted").isEqualTo(3);
    }

    @Test
    void refusesEveryoneOnceTheInstanceHasAsManyAsItKeeps() {
        streams.open(UUID.randomUUID(), "ada");
        streams.open(UUID.randomUUID(), "grace");
        streams.open(UUID.randomUUID(), "alan");

        assertThatThrownBy(() -> streams.open(UUID.randomUUID(), "edsger")).isInstanceOf(TooManyStreams.class)
                .hasMessageContaining("instance");
        assertThat(streams.openStreams()).isEqualTo(3);
    }

    @Test
    void givesTheSlotOfAStreamThatNeverReachedItsClientBack() {
        streams.open(UUID.randomUUID(), "ada");
        SseEmitter failed = streams.open(UUID.randomUUID(), "ada");

        streams.abandon(failed);
        streams.abandon(failed);

        assertThat(streams.openStreams()).as("given back once").isEqualTo(1);
        streams.open(UUID.randomUUID(), "ada");
        assertThat(streams.openStreams()).isEqualTo(2);
    }

    @Test
    void givesTheSlotBackWhenItEndsAStreamItselfEvenBeforeTheWebLayerTookTheStreamOver() {
        UUID orderId = UUID.randomUUID();
        SseEmitter emitter = streams.open(orderId, "ada");

        streams.send(emitter, new OrderViews.StatusView(orderId, OrderStatus.CANCELLED, null, Instant.now()));

        assertThat(streams.openStreams()).isZero();
    }

    @Test
    void refusesSettingsThatWouldAllowNoStreamOrNeverEndOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StreamSettings(0, 1, Duration.ofMinutes(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new StreamSettings(1, 1, Duration.ZERO,
                Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }
}

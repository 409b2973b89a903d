package dev.conveyor.messaging;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import dev.conveyor.events.inventory.ReleaseStock;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MessageListenersTest {

    @Test
    void refusesToStartWhenWaitingToRetryWouldMakeTheConsumerLeaveItsGroup() {
        HandlerRegistry handlers = new HandlerRegistry();
        handlers.postProcessAfterInitialization(new ReleaseHandler(), "releaseHandler");
        MessagingProperties properties = new Binder(new MapConfigurationPropertySource(
                Map.of("conveyor.messaging.consumer.transient-max-backoff", "3m")))
            .bindOrCreate("conveyor.messaging", MessagingProperties.class);
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9"));
        MessageListeners listeners = new MessageListeners(handlers, null, consumers, null, null, new TopicNames(""),
                properties, "/inventory-service", null);

        assertThatIllegalStateException().isThrownBy(listeners::start)
            .withMessageContaining("transient-max-backoff")
            .withMessageContaining("max.poll.interval.ms (300000 ms)");
    }

    static class ReleaseHandler {

        @MessageHandler
        void on(ReleaseStock command) {
        }
    }
}

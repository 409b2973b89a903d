package dev.conveyor.messaging;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer waiting to retry a transient failure, here for 20 s, still stops within a moment when the service shuts
 * down: the message is neither handled nor dead-lettered, and the next instance takes it up.
 */
@SpringBootTest(properties = { "conveyor.messaging.consumer.initial-backoff=20s",
        "conveyor.messaging.consumer.transient-max-backoff=20s", "conveyor.messaging.consumer.max-backoff=20s" })
@RealInfrastructure
class StopWhileRetryingIT {

    @Autowired
    MessageListeners listeners;

    @Autowired
    TestApplication.FaultSwitch faults;

    @Autowired
    MessageBus bus;

    @Test
    void stopsPromptlyWhileWaitingToRetryATransientFailure() {
        UUID orderId = UUID.randomUUID();
        faults.unavailable.add(orderId);
        bus.send(new ReleaseStock(orderId));
        await().atMost(Duration.ofSeconds(60)).until(() -> faults.releaseAttempts.containsKey(orderId));

        long started = System.nanoTime();
        listeners.stop();
        Duration stopping = Duration.ofNanos(System.nanoTime() - started);

        assertThat(stopping).as("stopped during a 20 s wait").isLessThan(Duration.ofSeconds(5));
        assertThat(faults.releaseAttempts.get(orderId)).hasValue(1);
        assertThat(bus.receivedOn("inventory.commands.dlt")).isEmpty();
    }
}

package dev.conveyor.messaging;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.events.inventory.StockReleased;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record whose failure changes its kind between attempts is retried by what it fails with now: the retries start
 * afresh with the new kind's policy, as they would for a record that had just arrived.
 */
@SpringBootTest
@RealInfrastructure
class ChangingFailureIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** More transient failures in a row than the retries a failure of unknown reason gets. */
    private static final int OUTAGE_ATTEMPTS = 6;

    @Autowired
    TestApplication.FaultSwitch faults;

    @Autowired
    MessageBus bus;

    @Autowired
    MessagingProperties properties;

    @Test
    void waitsOutATransientFailureThatFollowsAFailureOfUnknownReason() {
        assertThat(OUTAGE_ATTEMPTS).isGreaterThan(properties.consumer().maxRetries());
        UUID orderId = UUID.randomUUID();
        List<Boolean> failures = new ArrayList<>(List.of(false));
        failures.addAll(Collections.nCopies(OUTAGE_ATTEMPTS, true));
        faults.releaseFailuresInTurn.put(orderId, new ArrayDeque<>(failures));

        UUID messageId = bus.send(new ReleaseStock(orderId));

        bus.await(StockReleased.class, event -> event.orderId().equals(orderId), PATIENCE);
        assertThat(faults.releaseAttempts.get(orderId)).hasValue(1 + OUTAGE_ATTEMPTS + 1);
        assertThat(deadLettered(messageId)).as("an outage after a bug is waited out, not dead-lettered").isFalse();
    }

    @Test
    void deadLettersAFailureOfUnknownReasonThatFollowsATransientOne() {
        UUID orderId = UUID.randomUUID();
        faults.releaseFailuresInTurn.put(orderId, new ArrayDeque<>(List.of(true, true)));
        faults.failing.add(orderId);

        UUID messageId = bus.send(new ReleaseStock(orderId));

        await().atMost(PATIENCE).until(() -> deadLettered(messageId));
        assertThat(faults.releaseAttempts.get(orderId))
            .as("two transient failures, then the first attempt and the retries of the unknown one")
            .hasValue(2 + 1 + properties.consumer().maxRetries());
    }

    private boolean deadLettered(UUID messageId) {
        return bus.receivedOn("inventory.commands.dlt").stream().anyMatch(record -> messageId.toString().equals(record.id()));
    }
}

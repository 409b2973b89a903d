package dev.conveyor.messaging;

import java.util.List;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/deadletters}: GET lists this service's dead letters; POST {@code {"topic": "inventory.commands.dlt",
 * "partition": 0, "offset": 3}} replays one to its original topic.
 */
@Endpoint(id = "deadletters")
public class DeadLetterEndpoint {

    private final DeadLetters deadLetters;

    DeadLetterEndpoint(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @ReadOperation
    public List<DeadLetters.DeadLetter> list() {
        return deadLetters.list(500);
    }

    @WriteOperation
    public DeadLetters.DeadLetter replay(String topic, int partition, long offset) {
        return deadLetters.replay(topic, partition, offset);
    }
}

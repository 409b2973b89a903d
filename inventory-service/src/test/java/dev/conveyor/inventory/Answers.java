package dev.conveyor.inventory;

import java.util.List;
import java.util.UUID;

import dev.conveyor.events.Message;
import dev.conveyor.events.MessageTypes;
import dev.conveyor.testkit.MessageBus;

import tools.jackson.databind.json.JsonMapper;

/** What inventory published in answer to one command: the messages whose causation id is that command's id. */
public final class Answers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Answers() {
    }

    /** Every message of the type caused by the command with this id, each once, in publication order. */
    public static <T extends Message> List<T> causedBy(MessageBus bus, UUID commandId, Class<T> type) {
        String ceType = MessageTypes.of(type).ceType();
        return bus.receivedOnce()
            .stream()
            .filter(record -> commandId.toString().equals(record.headers().get("ce_causationid")))
            .filter(record -> ceType.equals(record.type()))
            .map(record -> JSON.readValue(record.value(), type))
            .toList();
    }

    /**
     * How many messages, of any type, the command with this id caused, each counted once: once the bus has everything the
     * service published ({@link MessageBus#awaitRelayed}), exactly how many it wrote.
     */
    public static long countCausedBy(MessageBus bus, UUID commandId) {
        return bus.receivedOnce()
            .stream()
            .filter(record -> commandId.toString().equals(record.headers().get("ce_causationid")))
            .count();
    }
}

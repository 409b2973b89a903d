package dev.conveyor.messaging;

import dev.conveyor.events.Message;
import dev.conveyor.events.MessageType;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns message records into their JSON payload and back. Owns its own mapper so that a service's JSON settings
 * never change the public wire format; unknown fields are ignored, as the contract's additive evolution requires.
 */
class MessageCodec {

    private final JsonMapper json = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    String toJson(Message message) {
        return json.writeValueAsString(message);
    }

    <T extends Message> T fromJson(byte[] payload, MessageType<T> type) {
        return json.readValue(payload, type.javaType());
    }

    JsonMapper mapper() {
        return json;
    }
}

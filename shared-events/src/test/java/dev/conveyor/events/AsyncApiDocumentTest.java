package dev.conveyor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Keeps {@code asyncapi.yaml} in step with the registry: every topic, every message, its schema, key and headers. */
class AsyncApiDocumentTest {

    private static JsonNode document;

    @BeforeAll
    static void readDocument() throws IOException {
        try (InputStream in = ContractResources.open("asyncapi.yaml")) {
            document = YAMLMapper.builder().build().readTree(in);
        }
    }

    @Test
    void describesEveryTopicAsAChannel() {
        List<String> addresses = new ArrayList<>();
        document.get("channels").forEach(channel -> addresses.add(channel.get("address").asString()));

        assertThat(document.get("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.all());
    }

    @Test
    void declaresTheCloudEventsBinaryModeHeaders() {
        JsonNode headers = document.at("/components/schemas/CloudEventsHeaders/properties");

        assertThat(headers.propertyNames()).containsExactlyInAnyOrder("ce_specversion", "ce_id", "ce_source",
                "ce_type", "ce_subject", "ce_time", "content-type", "ce_correlationid", "ce_causationid",
                "traceparent");
    }

    @ParameterizedTest
    @MethodSource("dev.conveyor.events.MessageTypes#all")
    void describesTheMessageTypeOnItsTopicWithItsSchemaKeyAndHeaders(MessageType<?> type) {
        String name = type.javaType().getSimpleName();
        JsonNode message = document.at("/components/messages/" + name);
        boolean keyedByOrderId = ContractResources.hasComponent(type.javaType(), "orderId");

        assertThat(message.get("name").asString()).isEqualTo(type.ceType());
        assertThat(message.at("/payload/schema/$ref").asString()).isEqualTo("./" + type.schemaResource());
        assertThat(message.at("/headers/allOf/1/properties/ce_type/const").asString()).isEqualTo(type.ceType());
        assertThat(message.at("/headers/allOf/1/properties/ce_source/const").asString()).isEqualTo(type.source());
        assertThat(message.at("/bindings/kafka/key/$ref").asString())
                .isEqualTo(keyedByOrderId ? "#/components/schemas/OrderIdKey" : "#/components/schemas/SkuKey");
        assertThat(channelOf(type.topic()).at("/messages/" + name + "/$ref").asString())
                .isEqualTo("#/components/messages/" + name);
    }

    private static JsonNode channelOf(String topic) {
        return document.get("channels").valueStream()
                .filter(channel -> channel.get("address").asString().equals(topic))
                .findFirst().orElseThrow();
    }
}

package dev.conveyor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Published v1 schemas may only change additively: each current schema is compared with the released baseline
 * in {@code src/test/resources/schema-baseline}. A breaking change needs a new type ({@code ...v2}) instead.
 */
class SchemaCompatibilityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<String> releasedSchemas() {
        return ContractResources.fileNames(ContractResources.BASELINE);
    }

    @Test
    void everyReleasedSchemaIsStillPublished() {
        assertThat(SchemaCompatibility.removedSchemas(releasedSchemas(),
                ContractResources.fileNames(ContractResources.SCHEMAS))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("releasedSchemas")
    void currentSchemaChangesItsReleaseOnlyAdditively(String fileName) {
        String current = ContractResources.SCHEMAS + "/" + fileName;
        if (!ContractResources.exists(current)) {
            return; // reported by everyReleasedSchemaIsStillPublished
        }

        assertThat(SchemaCompatibility.breakingChanges(
                ContractResources.readJson(ContractResources.BASELINE + "/" + fileName),
                ContractResources.readJson(current))).isEmpty();
    }

    @Test
    void wouldFailIfAReleasedSchemaLostAProperty() {
        JsonNode released = ContractResources.readJson(
                ContractResources.BASELINE + "/dev.conveyor.order.OrderPlaced.v1.schema.json");
        ObjectNode current = (ObjectNode) released.deepCopy();
        ((ObjectNode) current.get("properties")).remove("customerId");
        ((ArrayNode) current.get("required")).removeIf(name -> name.asString().equals("customerId"));

        assertThat(SchemaCompatibility.breakingChanges(released, current))
                .containsExactly("#/properties/customerId: property removed");
    }

    /** The comparison itself, on small in-memory schemas. */
    @Nested
    class Comparison {

        private static final String RELEASED = """
                {
                  "type": "object",
                  "required": ["orderId", "reason"],
                  "properties": {
                    "orderId": {"type": "string", "format": "uuid"},
                    "reason": {"type": "string", "enum": ["OUT_OF_STOCK", "TIMED_OUT"]},
                    "note": {"type": ["string", "null"]},
                    "lines": {"type": "array", "items": {"$ref": "#/$defs/Line"}}
                  },
                  "additionalProperties": true,
                  "$defs": {
                    "Line": {
                      "type": "object",
                      "required": ["sku"],
                      "properties": {"sku": {"type": "string"}, "quantity": {"type": "integer"}}
                    }
                  }
                }
                """;

        @Test
        void acceptsTheSameSchema() {
            assertThat(changesAfter(schema -> { })).isEmpty();
        }

        @Test
        void acceptsAnAddedOptionalPropertyAnAddedEnumValueAndNewDescriptions() {
            assertThat(changesAfter(schema -> {
                properties(schema).putObject("couponCode").put("type", "string");
                ((ArrayNode) properties(schema).get("reason").get("enum")).add("CUSTOMER_CANCELLED");
                schema.put("description", "Now documented.");
                ((ArrayNode) properties(schema).get("note").get("type")).removeAll().add("null").add("string");
            })).isEmpty();
        }

        @Test
        void detectsARemovedProperty() {
            assertThat(changesAfter(schema -> properties(schema).remove("note")))
                    .containsExactly("#/properties/note: property removed");
        }

        @Test
        void detectsAChangedPropertyType() {
            assertThat(changesAfter(schema -> ((ObjectNode) properties(schema).get("note")).put("type", "string")))
                    .containsExactly("#/properties/note: type changed from [\"string\",\"null\"] to \"string\"");
        }

        @Test
        void detectsAChangedFormat() {
            assertThat(changesAfter(schema -> ((ObjectNode) properties(schema).get("orderId")).remove("format")))
                    .containsExactly("#/properties/orderId: format changed from \"uuid\" to null");
        }

        @Test
        void detectsANewlyRequiredProperty() {
            assertThat(changesAfter(schema -> ((ArrayNode) schema.get("required")).add("note")))
                    .containsExactly("#: \"note\" newly required");
        }

        @Test
        void detectsAnAddedRequiredProperty() {
            assertThat(changesAfter(schema -> {
                properties(schema).putObject("couponCode").put("type", "string");
                ((ArrayNode) schema.get("required")).add("couponCode");
            })).containsExactly("#: \"couponCode\" newly required");
        }

        @Test
        void detectsARemovedEnumValue() {
            assertThat(changesAfter(schema -> ((ArrayNode) properties(schema).get("reason").get("enum")).remove(1)))
                    .containsExactly("#/properties/reason: enum value \"TIMED_OUT\" removed");
        }

        @Test
        void detectsAdditionalPropertiesTurnedFalse() {
            assertThat(changesAfter(schema -> schema.put("additionalProperties", false)))
                    .containsExactly("#: additionalProperties turned false");
        }

        @Test
        void detectsBreakingChangesInsideDefinitions() {
            assertThat(changesAfter(schema -> {
                ObjectNode line = (ObjectNode) schema.get("$defs").get("Line");
                ((ObjectNode) line.get("properties").get("quantity")).put("type", "string");
                ((ArrayNode) line.get("required")).add("quantity");
            })).containsExactlyInAnyOrder(
                    "#/$defs/Line: \"quantity\" newly required",
                    "#/$defs/Line/properties/quantity: type changed from \"integer\" to \"string\"");
        }

        @Test
        void detectsAnArrayWhoseItemsChangedType() {
            assertThat(changesAfter(schema -> ((ObjectNode) properties(schema).get("lines").get("items"))
                    .put("$ref", "#/$defs/Other")))
                    .containsExactly(
                            "#/properties/lines/items: $ref changed from \"#/$defs/Line\" to \"#/$defs/Other\"");
        }

        @Test
        void acceptsBoundsAddedOrTightenedSinceEveryMessageValidNowWasValidUnderTheRelease() {
            assertThat(changesAfter(schema -> {
                ((ObjectNode) properties(schema).get("note")).put("maxLength", 200);
                ((ObjectNode) properties(schema).get("lines")).put("maxItems", 50).put("minItems", 1);
                ((ObjectNode) properties(schema).get("orderId")).put("maxLength", 36);
            })).isEmpty();
            assertThat(SchemaCompatibility.breakingChanges(JSON.readTree("""
                    {"type": "string", "maxLength": 200, "minLength": 1}"""), JSON.readTree("""
                    {"type": "string", "maxLength": 100, "minLength": 2}"""))).isEmpty();
        }

        @Test
        void detectsBoundsRemovedOrLoosened() {
            JsonNode released = JSON.readTree("""
                    {"type": "object", "properties": {
                      "name": {"type": "string", "minLength": 1, "maxLength": 200},
                      "lines": {"type": "array", "minItems": 1, "maxItems": 50},
                      "quantity": {"type": "integer", "minimum": 1, "maximum": 1000}}}""");
            JsonNode current = JSON.readTree("""
                    {"type": "object", "properties": {
                      "name": {"type": "string", "maxLength": 201},
                      "lines": {"type": "array", "minItems": 0, "maxItems": 50},
                      "quantity": {"type": "integer", "minimum": 1}}}""");

            assertThat(SchemaCompatibility.breakingChanges(released, current)).containsExactlyInAnyOrder(
                    "#/properties/name: maxLength loosened from 200 to 201",
                    "#/properties/name: minLength 1 removed",
                    "#/properties/lines: minItems loosened from 1 to 0",
                    "#/properties/quantity: maximum 1000 removed");
        }

        @Test
        void detectsARemovedSchema() {
            assertThat(SchemaCompatibility.removedSchemas(List.of("a.v1.schema.json", "b.v1.schema.json"),
                    List.of("b.v1.schema.json", "c.v1.schema.json")))
                    .containsExactly("a.v1.schema.json: schema removed");
        }

        private List<String> changesAfter(Consumer<ObjectNode> change) {
            JsonNode released = JSON.readTree(RELEASED);
            ObjectNode current = (ObjectNode) released.deepCopy();
            change.accept(current);
            return SchemaCompatibility.breakingChanges(released, current);
        }

        private static ObjectNode properties(ObjectNode schema) {
            return (ObjectNode) schema.get("properties");
        }
    }
}

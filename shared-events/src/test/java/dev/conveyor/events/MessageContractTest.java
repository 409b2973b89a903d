package dev.conveyor.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.conveyor.events.order.OrderPlaced;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks that the records, the registry and the JSON Schemas describe the same contract, and that a stock
 * Jackson 3 mapper writes JSON the schemas accept and reads it back to equal records.
 */
class MessageContractTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** How consumers must configure Jackson: ignoring unknown fields is what makes additive evolution safe. */
    private static final JsonMapper TOLERANT_MAPPER =
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /** 2020-12 treats "format" as an annotation only; assert it, so that a malformed uuid or date-time fails. */
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    /** Who writes each topic (DESIGN.md section 1). */
    private static final Map<String, String> TOPIC_WRITERS = Map.of(
            Topics.ORDERS_EVENTS, "/order-service",
            Topics.INVENTORY_COMMANDS, "/order-service",
            Topics.INVENTORY_EVENTS, "/inventory-service",
            Topics.PAYMENTS_COMMANDS, "/order-service",
            Topics.PAYMENTS_EVENTS, "/payment-service",
            Topics.SHIPPING_COMMANDS, "/order-service",
            Topics.SHIPPING_EVENTS, "/shipping-service");
    /** The topics on which each owner's contract travels: its own events, and the commands it accepts. */
    private static final Map<String, Set<String>> OWNER_TOPICS = Map.of(
            "order", Set.of(Topics.ORDERS_EVENTS),
            "inventory", Set.of(Topics.INVENTORY_EVENTS, Topics.INVENTORY_COMMANDS),
            "payment", Set.of(Topics.PAYMENTS_EVENTS, Topics.PAYMENTS_COMMANDS),
            "shipping", Set.of(Topics.SHIPPING_EVENTS, Topics.SHIPPING_COMMANDS));

    static Stream<Message> samples() {
        return Stream.concat(SampleMessages.all().stream(), SampleMessages.withOptionalPartsLeftOut().stream());
    }

    @Test
    void sampleMessagesHoldOneInstanceOfEveryRegisteredType() {
        assertThat(SampleMessages.all()).extracting(Object::getClass)
                .containsExactlyElementsOf(MessageTypes.all().stream().map(MessageType::javaType).toList());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void serialisesToJsonThatItsSchemaAcceptsAndReadsBackEqual(Message message) {
        MessageType<?> type = MessageTypes.of(message.getClass());

        String json = MAPPER.writeValueAsString(message);

        assertThat(schemaOf(type).validate(json, InputFormat.JSON)).as(json).extracting(Error::toString).isEmpty();
        assertThat(MAPPER.readTree(json).propertyNames()).as("JSON fields of %s", json)
                .containsExactlyInAnyOrderElementsOf(componentNames(type.javaType()));
        assertThat(MAPPER.readValue(json, type.javaType())).isEqualTo(message);
    }

    @Test
    void writesTimestampsAsIso8601StringsAndMoneyAsDecimalStrings() {
        JsonNode json = MAPPER.valueToTree(SampleMessages.orderPlaced());

        assertThat(json.get("placedAt").isString()).isTrue();
        assertThat(json.get("placedAt").asString()).isEqualTo("2026-03-02T09:15:30.123Z");
        assertThat(json.get("total").get("amount").isString()).isTrue();
        assertThat(json.get("total").get("amount").asString()).isEqualTo("44.99");
    }

    @Test
    void schemaRejectsAPayloadThatBreaksTheContract() {
        ObjectNode json = MAPPER.valueToTree(SampleMessages.orderPlaced());
        json.put("orderId", "not-a-uuid");
        json.remove("customerId");
        ((ObjectNode) json.get("total")).put("amount", "1e3");

        List<Error> errors = schemaOf(MessageTypes.ORDER_PLACED).validate(json.toString(), InputFormat.JSON);

        assertThat(errors).extracting(Error::getKeyword).containsExactlyInAnyOrder("format", "required", "pattern");
    }

    @Test
    void consumersThatIgnoreUnknownFieldsReadAPayloadFromANewerProducer() {
        ObjectNode newer = MAPPER.valueToTree(SampleMessages.orderPlaced());
        newer.put("couponCode", "SPRING26");
        ((ObjectNode) newer.get("total")).put("display", "€44.99");

        assertThat(schemaOf(MessageTypes.ORDER_PLACED).validate(newer.toString(), InputFormat.JSON)).isEmpty();
        assertThat(TOLERANT_MAPPER.readValue(newer.toString(), OrderPlaced.class))
                .isEqualTo(SampleMessages.orderPlaced());
        // Jackson 3 ignores unknown fields by default (Jackson 2 did not): a consumer that turns the check on breaks.
        assertThat(MAPPER.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isFalse();
        JsonMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        assertThatThrownBy(() -> strict.readValue(newer.toString(), OrderPlaced.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }

    @Test
    void everyRegisteredTypeHasASchemaAndEverySchemaBelongsToARegisteredType() {
        List<String> registered = MessageTypes.all().stream()
                .map(type -> type.schemaResource().substring(ContractResources.SCHEMAS.length() + 1))
                .sorted().toList();

        assertThat(ContractResources.fileNames(ContractResources.SCHEMAS)).containsExactlyElementsOf(registered);
    }

    @ParameterizedTest
    @MethodSource("dev.conveyor.events.MessageTypes#all")
    void schemaDescribesExactlyTheRecordComponents(MessageType<?> type) {
        JsonNode schema = ContractResources.readJson(type.schemaResource());

        assertThat(schema.get("$id").asString()).endsWith("/" + type.ceType() + ".schema.json");
        assertThat(schema.get("title").asString()).isEqualTo(type.javaType().getSimpleName());
        assertThat(schema.get("description").asString()).isNotBlank();
        assertThat(schema.get("additionalProperties").asBoolean()).isTrue();
        assertThat(schema.get("properties").propertyNames()).containsExactlyElementsOf(componentNames(type.javaType()));
    }

    @ParameterizedTest
    @MethodSource("dev.conveyor.events.MessageTypes#all")
    void schemaRequiresExactlyThePropertiesThatCannotBeNull(MessageType<?> type) {
        JsonNode schema = ContractResources.readJson(type.schemaResource());
        List<JsonNode> objects = new ArrayList<>(List.of(schema));
        schema.path("$defs").forEach(objects::add);

        for (JsonNode object : objects) {
            Set<String> required = new HashSet<>();
            object.get("required").forEach(name -> required.add(name.asString()));
            object.get("properties").forEachEntry((name, property) ->
                    assertThat(required.contains(name)).as("%s is required in %s", name, type.ceType())
                            .isEqualTo(!allowsNull(property)));
            assertThat(object.get("additionalProperties").asBoolean()).as("additionalProperties").isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.conveyor.events.SampleMessages#all")
    void recordRejectsNullExactlyWhereItsSchemaRequiresAValue(Message sample) throws ReflectiveOperationException {
        Class<?> recordType = sample.getClass();
        RecordComponent[] components = recordType.getRecordComponents();
        Constructor<?> constructor = recordType.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        Set<String> required = new HashSet<>();
        ContractResources.readJson(MessageTypes.of(sample.getClass()).schemaResource()).get("required")
                .forEach(name -> required.add(name.asString()));

        for (int i = 0; i < components.length; i++) {
            if (components[i].getType().isPrimitive()) {
                continue;
            }
            Object[] arguments = new Object[components.length];
            for (int j = 0; j < components.length; j++) {
                arguments[j] = j == i ? null : components[j].getAccessor().invoke(sample);
            }
            assertThat(rejects(constructor, arguments)).as("%s rejects a null %s", recordType.getSimpleName(),
                    components[i].getName()).isEqualTo(required.contains(components[i].getName()));
        }
    }

    @Test
    void everyRecordOfTheContractIsARegisteredMessageOrAPartOfOne() {
        Set<Class<?>> registered = new HashSet<>();
        MessageTypes.all().forEach(type -> registered.add(type.javaType()));
        Set<Class<?>> parts = new HashSet<>();
        registered.forEach(type -> collectParts(type, parts));

        List<Class<?>> records = ContractResources.contractClasses().stream().filter(Class::isRecord)
                .filter(type -> type != MessageType.class).toList();

        assertThat(records).isNotEmpty().allSatisfy(type -> {
            if (Message.class.isAssignableFrom(type)) {
                assertThat(registered).as("registered in MessageTypes").contains(type);
            } else {
                assertThat(parts).as("%s is a component of a message; else it should implement Message", type)
                        .contains(type);
            }
        });
        assertThat(registered).allMatch(Class::isRecord);
    }

    @ParameterizedTest
    @MethodSource("dev.conveyor.events.MessageTypes#all")
    void typeTravelsOnItsOwnersTopicWrittenByTheTopicsWriter(MessageType<?> type) {
        String owner = type.ceType().split("\\.")[2];

        assertThat(type.javaType().getPackageName()).isEqualTo("dev.conveyor.events." + owner);
        assertThat(type.ceType()).isEqualTo("dev.conveyor." + owner + "." + type.javaType().getSimpleName() + ".v1");
        assertThat(OWNER_TOPICS.get(owner)).contains(type.topic());
        assertThat(type.source()).isEqualTo(TOPIC_WRITERS.get(type.topic()));
    }

    @ParameterizedTest
    @MethodSource("dev.conveyor.events.SampleMessages#all")
    void sagaMessagesAreKeyedByOrderIdAndCatalogueEventsBySku(Message message) {
        Class<?> type = message.getClass();
        boolean saga = ContractResources.hasComponent(type, "orderId");
        String key = saga ? SampleMessages.ORDER_ID.toString() : SampleMessages.MUG;

        assertThat(message.partitionKey()).isEqualTo(key);
        assertThat(message.subject()).isEqualTo(key);
        assertThat(saga || ContractResources.hasComponent(type, "sku")).isTrue();
    }

    @ParameterizedTest
    @MethodSource("dev.conveyor.events.MessageTypes#all")
    void reasonConstantsOfARecordAreTheValuesItsSchemaLists(MessageType<?> type) throws IllegalAccessException {
        JsonNode reason = ContractResources.readJson(type.schemaResource()).path("properties").path("reason");
        List<String> constants = new ArrayList<>();
        for (var field : type.javaType().getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == String.class) {
                constants.add((String) field.get(null));
            }
        }
        List<String> listed = new ArrayList<>();
        reason.path("enum").forEach(value -> listed.add(value.asString()));

        assertThat(constants).containsExactlyInAnyOrderElementsOf(listed);
    }

    @Test
    void registryFindsTypesByClassAndPutsEveryTypeOnAKnownTopicUnderItsOwnCeType() {
        assertThat(MessageTypes.of(OrderPlaced.class)).isSameAs(MessageTypes.ORDER_PLACED);
        assertThat(MessageTypes.ORDER_PLACED.schemaResource())
                .isEqualTo("schemas/dev.conveyor.order.OrderPlaced.v1.schema.json");
        assertThat(MessageTypes.all()).extracting(MessageType::ceType).doesNotHaveDuplicates();
        assertThat(MessageTypes.all()).extracting(MessageType::topic).containsOnlyElementsOf(Topics.all());
        assertThat(Topics.all()).allSatisfy(topic ->
                assertThat(MessageTypes.all()).extracting(MessageType::topic).contains(topic));
        assertThat(MessageTypes.all()).filteredOn(type -> type.topic().equals(Topics.SHIPPING_COMMANDS))
                .containsExactly(MessageTypes.SCHEDULE_SHIPMENT, MessageTypes.CANCEL_SHIPMENT);
    }

    @Test
    void registryRejectsAnUnregisteredClassByName() {
        record Unregistered(UUID orderId) implements Message {
            @Override
            public String partitionKey() {
                return orderId.toString();
            }
        }

        assertThatThrownBy(() -> MessageTypes.of(Unregistered.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Unregistered.class.getName())
                .hasMessageContaining("not a registered message type");
    }

    private static Schema schemaOf(MessageType<?> type) {
        return SCHEMAS.getSchema(ContractResources.open(type.schemaResource()));
    }

    private static List<String> componentNames(Class<?> recordType) {
        return Arrays.stream(recordType.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static boolean allowsNull(JsonNode property) {
        JsonNode type = property.path("type");
        return type.isArray() && type.valueStream().anyMatch(t -> t.asString().equals("null"));
    }

    private static boolean rejects(Constructor<?> constructor, Object[] arguments) throws ReflectiveOperationException {
        try {
            constructor.newInstance(arguments);
            return false;
        } catch (InvocationTargetException e) {
            assertThat(e.getCause()).isInstanceOf(NullPointerException.class).hasMessageContaining("is required");
            return true;
        }
    }

    /** Adds the records reachable from a record's components, including list elements. */
    private static void collectParts(Class<?> recordType, Set<Class<?>> parts) {
        for (RecordComponent component : recordType.getRecordComponents()) {
            Class<?> part = component.getType();
            if (part == List.class) {
                var elementType = (ParameterizedType) component.getGenericType();
                part = (Class<?>) elementType.getActualTypeArguments()[0];
            }
            if (part.isRecord() && parts.add(part)) {
                collectParts(part, parts);
            }
        }
    }
}

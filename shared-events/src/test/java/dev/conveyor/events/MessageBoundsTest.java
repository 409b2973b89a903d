package dev.conveyor.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every string and list of the contract is bounded, the records enforce the schemas' bounds, and the largest message
 * the bounds allow, CloudEvents headers included, stays far below what the broker accepts: a legitimate message can
 * never be one the broker refuses.
 */
class MessageBoundsTest {

    /** The producer's default max.request.size and, near enough, the broker's default message.max.bytes. */
    static final int BROKER_LIMIT = 1024 * 1024;

    /** "Well under": a quarter of the limit, which leaves room for additive fields and record overhead. */
    static final int LARGEST_ALLOWED = BROKER_LIMIT / 4;

    /**
     * The CloudEvents headers of the largest record, by name and largest value: ids are UUIDs, the subject is at most
     * an sku (written as UTF-8, at most 3 bytes per UTF-16 unit), a type name and source are short.
     */
    static final Map<String, Integer> LARGEST_HEADERS = Map.of(
            "ce_specversion", 3, "ce_id", 36, "ce_source", 32, "ce_type", 100, "ce_time", 40,
            "ce_subject", Bounds.SKU * 3, "content-type", 16, "ce_correlationid", 36, "ce_causationid", 36,
            "traceparent", 55);

    /** The Kafka key: an orderId or an sku. */
    static final int LARGEST_KEY = Bounds.SKU * 3;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    static Stream<Message> samples() {
        return SampleMessages.all().stream();
    }

    static List<String> schemaFiles() {
        return ContractResources.fileNames(ContractResources.SCHEMAS);
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void everyStringAndArrayOfTheSchemaHasAnUpperBound(String fileName) {
        List<String> unbounded = new ArrayList<>();
        unboundedIn("#", ContractResources.readJson(ContractResources.SCHEMAS + "/" + fileName), unbounded);

        assertThat(unbounded).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void largestMessageTheBoundsAllowIsValidAndFarBelowTheBrokersLimit(Message sample) {
        JsonNode schema = schemaOf(sample);
        Message largest = (Message) new Inflater(schema, -1).inflate(sample, schema);

        byte[] payload = MAPPER.writeValueAsBytes(largest);
        int headers = LARGEST_HEADERS.entrySet().stream().mapToInt(header -> header.getKey().length() + header.getValue()).sum();

        assertThat(SCHEMAS.getSchema(schema).validate(new String(payload, StandardCharsets.UTF_8), InputFormat.JSON))
                .isEmpty();
        assertThat(payload.length + headers + LARGEST_KEY).isLessThan(LARGEST_ALLOWED);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void recordRefusesEachStringAndListOneBeyondItsBound(Message sample) {
        JsonNode schema = schemaOf(sample);
        Inflater counting = new Inflater(schema, -1);
        counting.inflate(sample, schema); // counts the bounded strings and lists (none in a message of ids only)

        for (int site = 0; site < counting.sites; site++) {
            Inflater overflowing = new Inflater(schema, site);
            assertThatThrownBy(() -> overflowing.inflate(sample, schema)).as("site %d of %s", site, sample)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most");
        }
    }

    @Test
    void largestOrderPlacedIsAFewTensOfKilobytes() {
        JsonNode schema = schemaOf(SampleMessages.orderPlaced());
        byte[] payload = MAPPER.writeValueAsBytes(new Inflater(schema, -1).inflate(SampleMessages.orderPlaced(), schema));

        assertThat(payload.length).isBetween(Bounds.ORDER_LINES * Bounds.PRODUCT_NAME * 6, LARGEST_ALLOWED);
    }

    private static JsonNode schemaOf(Message message) {
        return ContractResources.readJson(MessageTypes.of(message.getClass()).schemaResource());
    }

    private static void unboundedIn(String path, JsonNode node, List<String> unbounded) {
        if (node.isObject()) {
            JsonNode type = node.get("type");
            boolean enumerated = node.has("enum") || node.has("const");
            if (hasType(type, "string") && !enumerated && !node.has("maxLength")) {
                unbounded.add(path + ": string without maxLength");
            }
            if (hasType(type, "array") && !node.has("maxItems")) {
                unbounded.add(path + ": array without maxItems");
            }
            node.forEachEntry((name, child) -> unboundedIn(path + "/" + name, child, unbounded));
        }
        else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                unboundedIn(path + "/" + i, node.get(i), unbounded);
            }
        }
    }

    private static boolean hasType(JsonNode type, String name) {
        if (type == null) {
            return false;
        }
        return type.isArray() ? type.valueStream().anyMatch(value -> value.asString().equals(name)) : type.asString().equals(name);
    }

    /**
     * Rebuilds a sample with every bounded string and list at its schema's bound: strings of control characters (which
     * JSON escapes to six bytes each, the most a character can cost), lists padded with copies of their first element.
     * Strings the schema constrains by enum, pattern or format keep the sample's value, except money amounts, which
     * become the longest decimal allowed. With {@code overflowSite} set, that one bounded site gets one more character
     * or element than allowed.
     */
    private static final class Inflater {

        private final JsonNode root;

        private final int overflowSite;

        int sites;

        private int unique;

        Inflater(JsonNode root, int overflowSite) {
            this.root = root;
            this.overflowSite = overflowSite;
        }

        Object inflate(Object value, JsonNode schema) {
            JsonNode resolved = resolve(schema);
            if (value == null) {
                return null;
            }
            if (value instanceof String string) {
                return inflateString(string, resolved);
            }
            if (value instanceof List<?> list) {
                return inflateList(list, resolved);
            }
            if (value.getClass().isRecord()) {
                return inflateRecord(value, resolved);
            }
            return value;
        }

        private Object inflateString(String value, JsonNode schema) {
            boolean fixedShape = schema.has("format") || schema.has("enum")
                    || schema.has("pattern") && !schema.get("pattern").asString().contains("\\d");
            if (!schema.has("maxLength") || fixedShape) {
                return value;
            }
            int length = schema.get("maxLength").asInt() + (sites++ == overflowSite ? 1 : 0);
            if (schema.has("pattern")) {
                return "9".repeat(length);
            }
            StringBuilder filler = new StringBuilder(length);
            int mark = unique++;
            filler.append((char) (1 + mark % 31)).append((char) (1 + mark / 31 % 31));
            while (filler.length() < length) {
                filler.append('\u0001');
            }
            return filler.substring(0, length);
        }

        private Object inflateList(List<?> list, JsonNode schema) {
            int length = schema.get("maxItems").asInt() + (sites++ == overflowSite ? 1 : 0);
            List<Object> inflated = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                inflated.add(inflate(list.get(i % list.size()), schema.get("items")));
            }
            return inflated;
        }

        private Object inflateRecord(Object value, JsonNode schema) {
            RecordComponent[] components = value.getClass().getRecordComponents();
            Object[] arguments = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    JsonNode property = schema.path("properties").path(components[i].getName());
                    arguments[i] = inflate(components[i].getAccessor().invoke(value), property);
                }
                return value.getClass().getDeclaredConstructor(types).newInstance(arguments);
            }
            catch (InvocationTargetException ex) {
                if (ex.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(ex.getCause());
            }
            catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }

        private JsonNode resolve(JsonNode schema) {
            JsonNode ref = schema.get("$ref");
            if (ref == null) {
                return schema;
            }
            JsonNode target = root.at(ref.asString().substring(1));
            return resolve(target);
        }
    }
}

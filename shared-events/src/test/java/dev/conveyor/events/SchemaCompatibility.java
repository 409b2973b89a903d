package dev.conveyor.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Lists the changes between a released JSON Schema and its current version that are not additive: those that
 * could break a consumer written against the release, or reject what a producer of the release sends.
 * <p>
 * Size bounds follow one rule, stated here because it differs from {@code required}: a bound may be added or
 * tightened ({@code maxLength}, {@code maxItems}, {@code maximum} lowered; {@code minLength}, {@code minItems},
 * {@code minimum} raised), since every message valid under the current schema is then valid under the released one
 * and a consumer validating with the release keeps accepting all it receives. Loosening or removing a bound is
 * breaking: a consumer may have sized its storage by the published bound. Tightening a bound is only right when
 * what producers already sent stays within it (for Conveyor's first bounds, the REST validation had always enforced
 * them), which is why the baseline is not rewritten when a bound is added.
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    /** Released schema files that are no longer published. */
    static List<String> removedSchemas(Collection<String> released, Collection<String> current) {
        return released.stream().filter(name -> !current.contains(name))
                .map(name -> name + ": schema removed").toList();
    }

    /** The breaking changes from {@code released} to {@code current}; empty when the change is additive. */
    static List<String> breakingChanges(JsonNode released, JsonNode current) {
        List<String> problems = new ArrayList<>();
        compare("#", released, current, problems);
        return problems;
    }

    private static void compare(String path, JsonNode released, JsonNode current, List<String> problems) {
        for (String keyword : List.of("type", "format", "$ref", "pattern")) {
            if (!Objects.equals(normalised(released.get(keyword)), normalised(current.get(keyword)))) {
                problems.add(path + ": " + keyword + " changed from " + released.get(keyword)
                        + " to " + current.get(keyword));
            }
        }
        compareBounds(path, released, current, problems);
        if (current.has("enum")) {
            Set<JsonNode> removed = values(released.get("enum"));
            removed.removeAll(values(current.get("enum")));
            removed.forEach(value -> problems.add(path + ": enum value " + value + " removed"));
        }
        Set<JsonNode> newlyRequired = values(current.get("required"));
        newlyRequired.removeAll(values(released.get("required")));
        newlyRequired.forEach(name -> problems.add(path + ": " + name + " newly required"));
        if (!isFalse(released.get("additionalProperties")) && isFalse(current.get("additionalProperties"))) {
            problems.add(path + ": additionalProperties turned false");
        }
        compareMembers(path + "/properties", released.get("properties"), current.path("properties"), "property",
                problems);
        compareMembers(path + "/$defs", released.get("$defs"), current.path("$defs"), "definition", problems);
        if (released.has("items")) {
            compare(path + "/items", released.get("items"), current.path("items"), problems);
        }
    }

    private static final List<String> UPPER_BOUNDS = List.of("maxLength", "maxItems", "maximum");

    private static final List<String> LOWER_BOUNDS = List.of("minLength", "minItems", "minimum");

    /** A bound added or tightened is compatible; one removed or loosened is not (see the class comment). */
    private static void compareBounds(String path, JsonNode released, JsonNode current, List<String> problems) {
        for (String keyword : UPPER_BOUNDS) {
            loosened(path, keyword, released.get(keyword), current.get(keyword), 1, problems);
        }
        for (String keyword : LOWER_BOUNDS) {
            loosened(path, keyword, released.get(keyword), current.get(keyword), -1, problems);
        }
    }

    private static void loosened(String path, String keyword, JsonNode released, JsonNode current, int looser,
            List<String> problems) {
        if (released == null) {
            return;
        }
        if (current == null) {
            problems.add(path + ": " + keyword + " " + released + " removed");
        }
        else if (Integer.signum(current.decimalValue().compareTo(released.decimalValue())) == looser) {
            problems.add(path + ": " + keyword + " loosened from " + released + " to " + current);
        }
    }

    private static void compareMembers(String path, JsonNode released, JsonNode current, String kind,
            List<String> problems) {
        if (released == null) {
            return;
        }
        released.forEachEntry((name, member) -> {
            if (current.has(name)) {
                compare(path + "/" + name, member, current.get(name), problems);
            } else {
                problems.add(path + "/" + name + ": " + kind + " removed");
            }
        });
    }

    /** A keyword's value, with {@code "type": "string"} and {@code "type": ["string"]} alike and type order ignored. */
    private static Object normalised(JsonNode value) {
        if (value == null) {
            return null;
        }
        return value.isArray() ? values(value) : Set.of(value);
    }

    private static Set<JsonNode> values(JsonNode array) {
        Set<JsonNode> values = new LinkedHashSet<>();
        if (array != null) {
            array.forEach(values::add);
        }
        return values;
    }

    private static boolean isFalse(JsonNode value) {
        return value != null && value.isBoolean() && !value.booleanValue();
    }
}

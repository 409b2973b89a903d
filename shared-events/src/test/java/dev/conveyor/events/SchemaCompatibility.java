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

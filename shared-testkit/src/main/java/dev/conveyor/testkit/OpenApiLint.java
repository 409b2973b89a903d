package dev.conveyor.testkit;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a service's OpenAPI document against the rules every Conveyor API keeps: each operation has an operationId
 * unique in the document (named after what it does: {@code listOrders}, {@code getPayment}), documents its success
 * status with the schema of its body (a 204 has none) and its problem responses ({@code application/problem+json}: 400
 * and 500 always, 404 with a path variable, 415 with a body); every value a request carries (body, parameters) is
 * bounded: a string by a maximum length (or an enum or format that bounds it), a number by a minimum and a maximum, an
 * array by a maximum size; no property is typed only {@code null}, and every request handler of the given controllers
 * appears in it. {@link #assertUniqueOperationIds} checks that the documents of all services share no operationId.
 */
public final class OpenApiLint {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private static final Set<String> MAPPINGS = Set.of("GetMapping", "PostMapping", "PutMapping", "DeleteMapping",
            "PatchMapping", "RequestMapping");

    private OpenApiLint() {
    }

    /** Throws an {@link AssertionError} listing every rule the document breaks. */
    public static void assertClean(String document, Class<?>... controllers) {
        List<String> problems = problems(document, controllers);
        if (!problems.isEmpty()) {
            throw new AssertionError("The OpenAPI document breaks " + problems.size() + " rule(s):\n  "
                    + String.join("\n  ", problems));
        }
    }

    /**
     * Throws an {@link AssertionError} naming every operationId that two documents (by service name) share, so that a
     * client generated from several documents gets one method per operation.
     */
    public static void assertUniqueOperationIds(Map<String, String> documentsByService) {
        Map<String, Set<String>> owners = new TreeMap<>();
        documentsByService.forEach((service, document) -> operationIds(document)
            .forEach(id -> owners.computeIfAbsent(id, key -> new TreeSet<>()).add(service)));
        List<String> shared = owners.entrySet().stream().filter(entry -> entry.getValue().size() > 1)
            .map(entry -> entry.getKey() + " in " + entry.getValue()).toList();
        if (!shared.isEmpty()) {
            throw new AssertionError("operationIds used by more than one service: " + shared);
        }
    }

    /** The operationIds of a document. */
    public static List<String> operationIds(String document) {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : JSON.readTree(document).path("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                if (METHODS.contains(entry.getKey()) && entry.getValue().has("operationId")) {
                    ids.add(entry.getValue().path("operationId").asString());
                }
            }
        }
        return ids;
    }

    /** The rules the document breaks, one line each. */
    public static List<String> problems(String document, Class<?>... controllers) {
        JsonNode root = JSON.readTree(document);
        List<String> problems = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                if (METHODS.contains(entry.getKey())) {
                    String where = entry.getKey().toUpperCase() + " " + path.getKey();
                    checkOperation(root, where, path.getKey(), entry.getValue(), operationIds, problems);
                }
            }
        }
        for (Map.Entry<String, JsonNode> schema : root.path("components").path("schemas").properties()) {
            checkNotOnlyNull(schema.getKey(), schema.getValue(), problems);
        }
        for (String handler : handlers(controllers)) {
            if (!operationIds.contains(handler)) {
                problems.add("handler " + handler + " is not documented (no operation has that operationId)");
            }
        }
        return problems;
    }

    private static void checkOperation(JsonNode root, String where, String path, JsonNode operation,
            Set<String> operationIds, List<String> problems) {
        String operationId = operation.path("operationId").asString("");
        if (operationId.isEmpty()) {
            problems.add(where + ": no operationId");
        }
        else if (!operationIds.add(operationId)) {
            problems.add(where + ": operationId " + operationId + " is used twice");
        }
        else if (operationId.matches("(list|get|byId|byOrder|all)(_\\d+)?")) {
            problems.add(where + ": operationId " + operationId + " does not say what it is about");
        }
        JsonNode responses = operation.path("responses");
        Set<String> statuses = new TreeSet<>();
        responses.propertyNames().forEach(statuses::add);
        if (statuses.stream().noneMatch(status -> status.startsWith("2"))) {
            problems.add(where + ": no success status documented");
        }
        for (String status : statuses) {
            if (status.startsWith("2") && !"204".equals(status) && !hasSchema(responses.path(status))) {
                problems.add(where + ": " + status + " response without a schema");
            }
        }
        Set<String> required = new TreeSet<>(List.of("400", "500"));
        if (path.contains("{")) {
            required.add("404");
        }
        if (operation.has("requestBody")) {
            required.add("415");
        }
        for (String status : required) {
            if (!responses.path(status).path("content").has("application/problem+json")) {
                problems.add(where + ": no " + status + " problem response (application/problem+json)");
            }
        }
        for (JsonNode parameter : operation.path("parameters")) {
            checkBounded(root, where + " parameter " + parameter.path("name").asString(), parameter.path("schema"),
                    problems, new HashSet<>());
        }
        for (JsonNode content : operation.path("requestBody").path("content")) {
            checkBounded(root, where + " body", content.path("schema"), problems, new HashSet<>());
        }
    }

    private static boolean hasSchema(JsonNode response) {
        for (JsonNode media : response.path("content")) {
            if (!media.path("schema").isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every string has a maxLength (or is an enum, a UUID or a date-time), every integer and number a minimum and a
     * maximum, every array a maxItems.
     */
    private static void checkBounded(JsonNode root, String where, JsonNode schema, List<String> problems,
            Set<String> seen) {
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asString();
            if (seen.add(ref)) {
                checkBounded(root, where, root.at(ref.substring(1)), problems, seen);
            }
            return;
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asString()
                : schema.path("type").asString("");
        if ("string".equals(type) && !schema.has("maxLength") && !schema.has("enum")
                && !Set.of("uuid", "date-time").contains(schema.path("format").asString(""))) {
            problems.add(where + ": string without maxLength");
        }
        if (("integer".equals(type) || "number".equals(type))
                && !(schema.has("minimum") || schema.has("exclusiveMinimum"))) {
            problems.add(where + ": " + type + " without minimum");
        }
        if (("integer".equals(type) || "number".equals(type))
                && !(schema.has("maximum") || schema.has("exclusiveMaximum"))) {
            problems.add(where + ": " + type + " without maximum");
        }
        if ("array".equals(type)) {
            if (!schema.has("maxItems")) {
                problems.add(where + ": array without maxItems");
            }
            checkBounded(root, where + "[]", schema.path("items"), problems, seen);
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            checkBounded(root, where + "." + property.getKey(), property.getValue(), problems, seen);
        }
    }

    private static void checkNotOnlyNull(String name, JsonNode schema, List<String> problems) {
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode type = property.getValue().path("type");
            boolean onlyNull = type.isString() && "null".equals(type.asString())
                    || type.isArray() && type.size() == 1 && "null".equals(type.get(0).asString());
            if (onlyNull) {
                problems.add("schema " + name + "." + property.getKey() + " is typed only null");
            }
        }
    }

    /** The names of the request handler methods of the controllers (their operationIds). */
    private static Set<String> handlers(Class<?>... controllers) {
        Set<String> handlers = new TreeSet<>();
        for (Class<?> controller : controllers) {
            for (Method method : controller.getDeclaredMethods()) {
                for (Annotation annotation : method.getAnnotations()) {
                    if (MAPPINGS.contains(annotation.annotationType().getSimpleName())) {
                        handlers.add(method.getName());
                    }
                }
            }
        }
        return handlers;
    }
}

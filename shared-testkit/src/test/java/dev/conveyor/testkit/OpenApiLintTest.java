package dev.conveyor.testkit;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lint passes a document that keeps every rule and names each rule a planted document breaks. */
class OpenApiLintTest {

    private static final String PROBLEMS = """
            "400": {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
            "404": {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
            "415": {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
            "500": {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}""";

    private static final String CLEAN = """
            {"paths": {"/api/things/{id}": {"put": {
                "operationId": "changeThing",
                "parameters": [{"name": "id", "in": "path", "schema": {"type": "string", "format": "uuid"}},
                               {"name": "page", "in": "query",
                                "schema": {"type": "integer", "minimum": 0, "maximum": 1000000}}],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                              %s}}}},
             "components": {"schemas": {"Thing": {"type": "object", "properties": {
                 "name": {"type": "string", "maxLength": 100},
                 "quantity": {"type": "integer", "minimum": 1, "maximum": 1000},
                 "tags": {"type": "array", "maxItems": 10, "items": {"type": "string", "maxLength": 20}}}}}}}
            """.formatted(PROBLEMS);

    @Test
    void passesADocumentThatKeepsEveryRule() {
        assertThat(OpenApiLint.problems(CLEAN)).isEmpty();
    }

    @Test
    void namesEveryMissingLimit() {
        String planted = CLEAN.replace("\"maxLength\": 100", "\"minLength\": 1")
            .replace("\"minimum\": 1, \"maximum\": 1000", "\"minimum\": 1")
            .replace("\"minimum\": 0, \"maximum\": 1000000", "\"maximum\": 1000000")
            .replace("\"maxItems\": 10, ", "");

        assertThat(OpenApiLint.problems(planted)).containsExactlyInAnyOrder(
                "PUT /api/things/{id} parameter page: integer without minimum",
                "PUT /api/things/{id} body.name: string without maxLength",
                "PUT /api/things/{id} body.quantity: integer without maximum",
                "PUT /api/things/{id} body.tags: array without maxItems");
    }

    @Test
    void namesAMissingProblemResponseAndASuccessWithoutSchema() {
        String planted = CLEAN.replace("\"415\"", "\"416\"")
            .replace("\"200\": {\"content\": {\"application/json\": {\"schema\": {\"$ref\": \"#/components/schemas/Thing\"}}}}",
                    "\"200\": {\"description\": \"OK\"}");

        assertThat(OpenApiLint.problems(planted)).containsExactlyInAnyOrder(
                "PUT /api/things/{id}: 200 response without a schema",
                "PUT /api/things/{id}: no 415 problem response (application/problem+json)");
    }

    @Test
    void refusesAnOperationIdTwoServicesShare() {
        String other = CLEAN.replace("changeThing", "changeOtherThing");

        assertThatCode(() -> OpenApiLint.assertUniqueOperationIds(Map.of("a", CLEAN, "b", other)))
            .doesNotThrowAnyException();
        assertThatThrownBy(() -> OpenApiLint.assertUniqueOperationIds(Map.of("a", CLEAN, "b", CLEAN)))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("changeThing in [a, b]");
    }
}

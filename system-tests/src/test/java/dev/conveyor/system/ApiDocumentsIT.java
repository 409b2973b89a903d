package dev.conveyor.system;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.conveyor.testkit.OpenApiLint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The four services' OpenAPI documents side by side, as a client generated from all of them sees them: no operationId
 * is used by two services, and each document keeps the rules every Conveyor API keeps ({@link OpenApiLint}).
 */
class ApiDocumentsIT extends SystemTest {

    @Test
    void theFourDocumentsAreCleanAndShareNoOperationId() {
        Map<String, String> documents = Map.of(
                "order", Api.apiDocs(system.order),
                "inventory", Api.apiDocs(system.inventory),
                "payment", Api.apiDocs(system.payment),
                "shipping", Api.apiDocs(system.shipping));

        documents.forEach((service, document) -> assertThat(OpenApiLint.problems(document)).as(service).isEmpty());
        assertThat(documents.values().stream().mapToInt(document -> OpenApiLint.operationIds(document).size()).sum())
            .isGreaterThanOrEqualTo(15);
        assertThatCode(() -> OpenApiLint.assertUniqueOperationIds(documents)).doesNotThrowAnyException();
    }
}

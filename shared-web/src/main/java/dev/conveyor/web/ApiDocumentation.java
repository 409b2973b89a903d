package dev.conveyor.web;

import java.util.TreeSet;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents the problem responses of every operation in each service's OpenAPI: the {@code Problem} schema
 * (RFC 9457 with the {@code errors} list) under {@code application/problem+json}, for the statuses any handler can
 * answer and those its {@link ProblemStatuses} names.
 */
class ApiDocumentation implements OperationCustomizer, OpenApiCustomizer {

    static final String PROBLEM = "Problem";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        TreeSet<Integer> statuses = new TreeSet<>(java.util.List.of(400, 406, 500, 503));
        for (var parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(PathVariable.class)) {
                statuses.add(404);
            }
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                statuses.add(415);
            }
        }
        ProblemStatuses declared = handler.getMethodAnnotation(ProblemStatuses.class);
        if (declared != null) {
            java.util.Arrays.stream(declared.value()).forEach(statuses::add);
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        for (int status : statuses) {
            responses.addApiResponse(Integer.toString(status), problemResponse(status));
        }
        operation.setResponses(responses);
        return operation;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Schema<?> fieldProblem = new ObjectSchema()
            .addProperty("field", new StringSchema().maxLength(200))
            .addProperty("message", new StringSchema().maxLength(500));
        Schema<?> problem = new ObjectSchema()
            .description("An RFC 9457 problem detail")
            .addProperty("type", new StringSchema().format("uri").maxLength(200))
            .addProperty("title", new StringSchema().maxLength(200))
            .addProperty("status", new IntegerSchema().minimum(java.math.BigDecimal.valueOf(400))
                .maximum(java.math.BigDecimal.valueOf(599)))
            .addProperty("detail", new StringSchema().maxLength(1000))
            .addProperty("instance", new StringSchema().format("uri-reference").maxLength(2000))
            .addProperty("errors", new ArraySchema().items(fieldProblem).maxItems(1000)
                .description("One entry per invalid field (400 only)"));
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(PROBLEM, problem);
    }

    private static ApiResponse problemResponse(int status) {
        HttpStatus resolved = HttpStatus.resolve(status);
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        return new ApiResponse()
            .description(resolved == null ? "Problem" : resolved.getReasonPhrase())
            .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE, media));
    }
}

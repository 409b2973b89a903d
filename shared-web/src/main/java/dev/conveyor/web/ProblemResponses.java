package dev.conveyor.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Builds the RFC 9457 problem details of every service the same way: a type URI under one base, a title, a detail,
 * and for invalid input an {@code errors} list with one {@code {field, message}} entry per invalid field.
 */
public final class ProblemResponses {

    /** Where the problem types of every service live. */
    public static final String TYPE_BASE = "https://conveyor.dev/problems/";

    /** The problem types of the errors any service can answer, by status; a service adds its own next to them. */
    private static final Map<Integer, String> TYPES = Map.ofEntries(
            Map.entry(400, "invalid-request"),
            Map.entry(404, "not-found"),
            Map.entry(405, "method-not-allowed"),
            Map.entry(406, "not-acceptable"),
            Map.entry(409, "conflict"),
            Map.entry(412, "precondition-failed"),
            Map.entry(413, "content-too-large"),
            Map.entry(415, "unsupported-media-type"),
            Map.entry(422, "unprocessable-content"),
            Map.entry(428, "precondition-required"),
            Map.entry(429, "too-many-requests"),
            Map.entry(500, "internal-error"),
            Map.entry(503, "service-unavailable"));

    private ProblemResponses() {
    }

    /** A problem of the given status whose type is {@code TYPE_BASE + type}. */
    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /**
     * A 503 answer: the request was fine, the service cannot serve it just now. {@code Retry-After} says when to come
     * back, in whole seconds (at least one), and so does the detail: {@code reason}, then "; retry in N seconds.".
     */
    public static ResponseEntity<ProblemDetail> unavailable(String type, String title, String reason,
            Duration retryAfter) {
        return retryLater(HttpStatus.SERVICE_UNAVAILABLE, type, title, reason, retryAfter);
    }

    /** A 429 answer: this client asks for more than its share; {@code Retry-After} as for {@link #unavailable}. */
    public static ResponseEntity<ProblemDetail> tooManyRequests(String type, String title, String reason,
            Duration retryAfter) {
        return retryLater(HttpStatus.TOO_MANY_REQUESTS, type, title, reason, retryAfter);
    }

    private static ResponseEntity<ProblemDetail> retryLater(HttpStatus status, String type, String title, String reason,
            Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.toSeconds());
        ProblemDetail problem = problem(status, type, title,
                reason + "; retry in " + seconds + (seconds == 1 ? " second." : " seconds."));
        return ResponseEntity.status(status)
            .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
            .body(problem);
    }

    /** A 400 {@code invalid-request} problem listing the invalid fields (their names in the detail too). */
    public static ProblemDetail invalidRequest(List<FieldProblem> errors) {
        String detail = "The request has " + errors.size() + " invalid field" + (errors.size() == 1 ? "" : "s") + ": "
                + String.join(", ", errors.stream().map(FieldProblem::field).distinct().toList());
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** A 400 {@code invalid-request} problem naming one invalid field. */
    public static ProblemDetail invalidField(String field, String message) {
        return invalidRequest(List.of(new FieldProblem(field, message)));
    }

    /** The type URI of the generic problem of a status ({@code about:blank} for a status without one). */
    public static URI typeOf(HttpStatusCode status) {
        String type = TYPES.get(status.value());
        return type == null ? URI.create("about:blank") : URI.create(TYPE_BASE + type);
    }

    /** The detail of an error the servlet container raised, where only its status is known. */
    static String containerDetail(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "No resource answers this path.";
            case BAD_REQUEST -> "The request is malformed.";
            case CONTENT_TOO_LARGE -> "The request is larger than the service accepts.";
            case INTERNAL_SERVER_ERROR -> "The request failed on an unexpected error; it has been logged.";
            default -> status.getReasonPhrase() + ".";
        };
    }

    /** Gives a problem Spring or the container built without a type the generic type and title of its status. */
    static ProblemDetail typed(ProblemDetail problem) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(typeOf(HttpStatusCode.valueOf(problem.getStatus())));
        }
        if (problem.getTitle() == null) {
            HttpStatus status = HttpStatus.resolve(problem.getStatus());
            problem.setTitle(status == null ? "Error" : status.getReasonPhrase());
        }
        return problem;
    }

    /** One entry of an {@code errors} list: the field (a JSON path, a parameter or a header) and what is wrong. */
    public record FieldProblem(String field, String message) {
    }
}

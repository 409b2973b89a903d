package dev.conveyor.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 problem details of every service the same way: a type URI under one base, a title, a detail. */
public final class ProblemResponses {

    /** Where the problem types of every service live. */
    public static final String TYPE_BASE = "https://conveyor.dev/problems/";

    private ProblemResponses() {
    }

    /** A problem of the given status whose type is {@code TYPE_BASE + type}. */
    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}

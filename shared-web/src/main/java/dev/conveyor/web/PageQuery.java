package dev.conveyor.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springdoc.core.annotations.ParameterObject;

/**
 * The page a list endpoint is asked for, the same in every service: {@code page} from 0 (at most {@link #MAX_PAGE})
 * and {@code size} from 1 to {@link #MAX_SIZE} ({@link #DEFAULT_SIZE} when absent). A handler takes it as a
 * {@code @Valid PageQuery} parameter, bound from the query string; a value out of bounds or not a whole number is a
 * 400 naming the parameter. The bounds keep {@link #offset()} well inside an {@code int}.
 */
@ParameterObject
public record PageQuery(
        @Parameter(description = "The page, from 0", schema = @Schema(
                type = "integer", format = "int32", minimum = "0", maximum = "" + MAX_PAGE, defaultValue = "0"))
        @Min(0) @Max(MAX_PAGE) Integer page,
        @Parameter(description = "Items per page", schema = @Schema(
                type = "integer", format = "int32", minimum = "1", maximum = "" + MAX_SIZE,
                defaultValue = "" + DEFAULT_SIZE))
        @Min(1) @Max(MAX_SIZE) Integer size) {

    /** The largest page size. */
    public static final int MAX_SIZE = 100;

    /** The size of a page when the request names none. */
    public static final int DEFAULT_SIZE = 20;

    /** The last page one may ask for: {@code MAX_PAGE * MAX_SIZE} is far from {@link Integer#MAX_VALUE}. */
    public static final int MAX_PAGE = 1_000_000;

    /** Fills in what the request left out: the first page, of the default size. */
    public PageQuery {
        page = page == null ? 0 : page;
        size = size == null ? DEFAULT_SIZE : size;
    }

    /** How many items come before this page. */
    public long offset() {
        return (long) page * size;
    }
}

package dev.conveyor.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One page of a list, the shape every list endpoint of every service answers: the items of the page asked for, the
 * page and size asked for, and how many items and pages there are in all.
 *
 * @param <T> the view of one item
 */
public record PageView<T>(
        @ArraySchema(maxItems = PageQuery.MAX_SIZE) List<T> items,
        @Schema(minimum = "0", maximum = "" + PageQuery.MAX_PAGE) int page,
        @Schema(minimum = "1", maximum = "" + PageQuery.MAX_SIZE) int size,
        @Schema(minimum = "0") long totalElements,
        @Schema(minimum = "0") int totalPages) {

    /** The page of {@code items} (already cut to the page) out of {@code totalElements} in all. */
    public static <T> PageView<T> of(List<T> items, PageQuery query, long totalElements) {
        int totalPages = (int) Math.min(Integer.MAX_VALUE, (totalElements + query.size() - 1) / query.size());
        return new PageView<>(List.copyOf(items), query.page(), query.size(), totalElements, totalPages);
    }

    /** The page of a list that is read whole (a few items at most, such as an order's shipments). */
    public static <T> PageView<T> ofAll(List<T> all, PageQuery query) {
        long from = Math.min(all.size(), query.offset());
        long to = Math.min(all.size(), from + query.size());
        return of(all.subList((int) from, (int) to), query, all.size());
    }
}

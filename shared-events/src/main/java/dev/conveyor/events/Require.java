package dev.conveyor.events;

import java.util.List;
import java.util.Objects;

/** Field checks shared by the compact constructors of the message records; each names the offending field. */
public final class Require {

    private Require() {
    }

    public static <T> T nonNull(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " is required");
    }

    public static String nonBlank(String value, String field) {
        if (nonNull(value, field).isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    /** A non-blank string of at most {@code max} characters. */
    public static String nonBlank(String value, int max, String field) {
        return atMost(nonBlank(value, field), max, field);
    }

    /** {@code value} (which may be null) if it has at most {@code max} characters. */
    public static String atMost(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters, was " + value.length());
        }
        return value;
    }

    public static int positive(int value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
        return value;
    }

    public static long positive(long value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
        return value;
    }

    public static int nonNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    /** An immutable copy of {@code values}, which must not be null nor hold null elements. */
    public static <T> List<T> listOf(List<T> values, String field) {
        nonNull(values, field);
        for (T value : values) {
            if (value == null) {
                throw new NullPointerException(field + " must not contain null elements");
            }
        }
        return List.copyOf(values);
    }

    /** Like {@link #listOf} and at least one element. */
    public static <T> List<T> nonEmptyListOf(List<T> values, String field) {
        if (nonNull(values, field).isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return listOf(values, field);
    }

    /** Like {@link #nonEmptyListOf} and at most {@code max} elements. */
    public static <T> List<T> nonEmptyListOf(List<T> values, int max, String field) {
        if (nonNull(values, field).size() > max) {
            throw new IllegalArgumentException(field + " must have at most " + max + " elements, had " + values.size());
        }
        return nonEmptyListOf(values, field);
    }

    /** Like {@link #listOf} and at most {@code max} elements. */
    public static <T> List<T> listOf(List<T> values, int max, String field) {
        if (nonNull(values, field).size() > max) {
            throw new IllegalArgumentException(field + " must have at most " + max + " elements, had " + values.size());
        }
        return listOf(values, field);
    }
}

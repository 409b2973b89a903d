package dev.conveyor.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The JSON every request body must be: what it says, exactly. A body is read with the service's mapper made strict:
 * <ul>
 * <li>no coercion: a string, boolean or fraction is not an integer ({@code "1"}, {@code true}, {@code 1.5}), a
 * number or boolean is not a string, an integer is not a boolean; a decimal amount may be a number or a decimal
 * string (the contracts write money as strings);</li>
 * <li>a key given twice, a property the request does not know, a null for a primitive and content after the value
 * are refused;</li>
 * <li>strings carry text only: no control character (U+0000-U+001F except tab, line feed and carriage return,
 * U+007F-U+009F) and no lone surrogate.</li>
 * </ul>
 * Each refusal is a 400 problem naming the field (see {@link EdgeProblems}). Responses are written as before.
 */
final class StrictJson {

    private StrictJson() {
    }

    static JsonMapper strict(JsonMapper base) {
        SimpleModule plainText = new SimpleModule("conveyor-plain-text");
        plainText.addDeserializer(String.class, new PlainTextDeserializer());
        return base.rebuild()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .withCoercionConfig(LogicalType.Integer, config -> config
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Float, config -> config
                .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, config -> config
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Enum, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .addModule(plainText)
            .build();
    }

    /** Why a string is not plain text, or null when it is. */
    static String unsafeText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
                return String.format("must not contain control characters (U+%04X at index %d)", (int) c, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            }
            else if (Character.isSurrogate(c)) {
                return "must not contain a lone surrogate (index " + i + ")";
            }
        }
        return null;
    }

    /** A string that is not plain text; its message says why (the value itself is not repeated). */
    static final class UnsafeTextException extends InvalidFormatException {

        UnsafeTextException(JsonParser parser, String problem) {
            super(parser, problem, "(not shown)", String.class);
        }
    }

    /** Reads a string as Jackson does, then refuses control characters and lone surrogates. */
    static final class PlainTextDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            String value = super.deserialize(p, ctxt);
            String problem = value == null ? null : unsafeText(value);
            if (problem != null) {
                throw new UnsafeTextException(p, problem);
            }
            return value;
        }
    }
}

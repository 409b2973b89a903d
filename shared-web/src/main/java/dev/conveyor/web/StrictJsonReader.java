package dev.conveyor.web;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;

/**
 * Reads JSON request bodies with the strict mapper ({@link StrictJson}), ahead of Boot's converters. It writes nothing
 * and is not a {@code JacksonJsonHttpMessageConverter}, so Boot keeps configuring its own, which writes every answer
 * (and documents such as {@code /v3/api-docs}) as before; a body a handler takes as a {@code String} or bytes is left
 * to Boot's converters too.
 */
class StrictJsonReader extends AbstractJacksonHttpMessageConverter<JsonMapper> {

    StrictJsonReader(JsonMapper jsonMapper) {
        super(StrictJson.strict(jsonMapper), MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
    }

    @Override
    public boolean canRead(ResolvableType type, @Nullable MediaType mediaType) {
        Class<?> raw = type.toClass();
        return raw != String.class && raw != byte[].class && super.canRead(type, mediaType);
    }

    @Override
    public boolean canWrite(ResolvableType type, Class<?> valueClass, @Nullable MediaType mediaType) {
        return false;
    }

    @Override
    public boolean canWrite(Class<?> clazz, @Nullable MediaType mediaType) {
        return false;
    }
}

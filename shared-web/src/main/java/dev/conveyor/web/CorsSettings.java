package dev.conveyor.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser access to a service's API ({@code conveyor.web.cors.*}); the same setting in every service.
 *
 * @param allowedOrigins the origins (e.g. a storefront) allowed to call {@code /api/**} from a browser; none by default
 * @param allowedMethods the methods they may use
 * @param allowedHeaders the request headers they may send
 * @param exposedHeaders the answer headers their scripts may read
 */
@ConfigurationProperties("conveyor.web.cors")
public record CorsSettings(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue({ "GET", "POST", "PUT" }) List<String> allowedMethods,
        @DefaultValue({ "Content-Type", "Idempotency-Key", "If-Match", "X-Request-Id" }) List<String> allowedHeaders,
        @DefaultValue({ "Location", "ETag", "Retry-After", "X-Request-Id" }) List<String> exposedHeaders) {
}

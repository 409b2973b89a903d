package dev.conveyor.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service answers while a resource it needs (its database) is unreachable.
 *
 * @param retryAfter what the {@code Retry-After} header of the 503 answer tells the client to wait
 */
@ConfigurationProperties("conveyor.web.outage")
public record OutageProperties(@DefaultValue("5s") Duration retryAfter) {
}

package dev.conveyor.order.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many order status streams ({@code GET /api/orders/{id}/stream}) an instance keeps open
 * ({@code conveyor.order.streams.*}). Each open stream holds a connection and a little memory for as long as the client
 * stays; the caps keep one customer, or all of them together, from exhausting those.
 *
 * @param maxOpen            open streams per instance, all customers together
 * @param maxOpenPerCustomer open streams per customer (the order's customer), on one instance
 * @param timeout            how long a stream stays open at most; the client may then open it again
 * @param retryAfter         what the {@code Retry-After} header of a refused stream tells the client to wait
 * @param heartbeat          how often every open stream gets a comment line, so that a client that left is noticed
 */
@ConfigurationProperties("conveyor.order.streams")
public record StreamSettings(@DefaultValue("1000") int maxOpen, @DefaultValue("10") int maxOpenPerCustomer,
        @DefaultValue("30m") Duration timeout, @DefaultValue("5s") Duration retryAfter,
        @DefaultValue("15s") Duration heartbeat) {

    public StreamSettings {
        if (maxOpen < 1 || maxOpenPerCustomer < 1) {
            throw new IllegalArgumentException("conveyor.order.streams.max-open and max-open-per-customer must be at least 1");
        }
        SettingsChecks.requirePositive("conveyor.order.streams.timeout", timeout);
        SettingsChecks.requirePositive("conveyor.order.streams.retry-after", retryAfter);
        SettingsChecks.requirePositive("conveyor.order.streams.heartbeat", heartbeat);
    }
}

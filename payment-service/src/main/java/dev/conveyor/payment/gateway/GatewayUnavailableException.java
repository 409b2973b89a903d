package dev.conveyor.payment.gateway;

import dev.conveyor.messaging.TransientFailure;

/**
 * The provider could not give an answer this time (timeout, outage, transient error). Retrying with the same
 * idempotency key is safe; the message platform retries the command with capped backoff for as long as the provider
 * stays away, holding the command's partition, and never dead-letters it for this reason.
 */
@TransientFailure
public class GatewayUnavailableException extends RuntimeException {

    public GatewayUnavailableException(String message) {
        super(message);
    }
}

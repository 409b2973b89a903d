package dev.conveyor.payment.gateway;

/**
 * The provider could not give an answer this time (timeout, outage, transient error). Retrying with the same
 * idempotency key is safe; the message platform retries it with backoff and finally dead-letters it.
 */
public class GatewayUnavailableException extends RuntimeException {

    public GatewayUnavailableException(String message) {
        super(message);
    }
}

package dev.conveyor.payment.gateway;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@link SimulatedPaymentGateway} ({@code conveyor.payment.simulated-gateway.*}).
 *
 * @param transientFailures how many times an authorisation with card token {@code tok_gateway_error} fails
 *                          transiently (per idempotency key) before it is approved
 * @param amountLimit       amounts above this are declined with {@code AMOUNT_LIMIT}, whatever the currency
 * @param latency           artificial delay of every gateway call, to make a slow provider visible
 */
@ConfigurationProperties("conveyor.payment.simulated-gateway")
public record SimulatedGatewaySettings(@DefaultValue("2") int transientFailures,
        @DefaultValue("10000.00") BigDecimal amountLimit, @DefaultValue("0ms") Duration latency) {

    public SimulatedGatewaySettings {
        if (transientFailures < 0) {
            throw new IllegalArgumentException("transientFailures must not be negative, was " + transientFailures);
        }
        if (amountLimit == null || amountLimit.signum() <= 0) {
            throw new IllegalArgumentException("amountLimit must be positive, was " + amountLimit);
        }
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + latency);
        }
    }

    /** The documented defaults: two transient failures, a limit of 10000.00, no latency. */
    public static SimulatedGatewaySettings defaults() {
        return new SimulatedGatewaySettings(2, new BigDecimal("10000.00"), Duration.ZERO);
    }
}

package dev.conveyor.payment.gateway;

import java.time.Duration;
import java.util.UUID;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/gateway}: the simulated provider's side of the story, what a real provider's dashboard shows. GET
 * {@code /actuator/gateway/{key}} answers what the provider did under an authorisation's key (the payment's id): the
 * authorisation calls (failed and repeated ones included), holds placed, whether one is held now, and how often its
 * hold was captured and voided, so a demo or a drill shows that a payment was held and charged at most once and that
 * no hold was left. POST {@code {"unavailableFor": "2m"}} starts an outage ({@code "0s"} ends one): every call fails
 * transiently until it ends, as during a provider's incident; the commands wait, in order, and complete after.
 */
@Component
@Endpoint(id = "gateway")
public class SimulatedGatewayEndpoint {

    private static final Duration MAX_OUTAGE = Duration.ofHours(1);

    private final SimulatedPaymentGateway gateway;

    public SimulatedGatewayEndpoint(SimulatedPaymentGateway gateway) {
        this.gateway = gateway;
    }

    /** What the provider did under one idempotency key. */
    public record KeyLedger(UUID key, int calls, int holdsPlaced, boolean holdsAmountNow, int captures, int voids) {
    }

    /** The outage started: how long it lasts. */
    public record Outage(Duration unavailableFor) {
    }

    @ReadOperation
    public KeyLedger ledger(@Selector UUID key) {
        return new KeyLedger(key, gateway.callsFor(key), gateway.newAuthorizationsFor(key), gateway.holdsAmountFor(key),
                gateway.newCapturesFor(key), gateway.newVoidsFor(key));
    }

    @WriteOperation
    public Outage outage(String unavailableFor) {
        Duration duration;
        try {
            duration = DurationStyle.detectAndParse(unavailableFor);
        }
        catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException("unavailableFor is not a duration: " + unavailableFor,
                    "unavailableFor must be a duration such as 30s or 2m");
        }
        if (duration.isNegative() || duration.compareTo(MAX_OUTAGE) > 0) {
            throw new InvalidEndpointRequestException("unavailableFor out of range: " + unavailableFor,
                    "unavailableFor must be between 0s and " + MAX_OUTAGE.toMinutes() + "m");
        }
        gateway.unavailableFor(duration);
        return new Outage(duration);
    }
}

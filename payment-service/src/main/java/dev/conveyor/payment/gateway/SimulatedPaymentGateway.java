package dev.conveyor.payment.gateway;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.conveyor.events.Money;
import dev.conveyor.events.payment.PaymentDeclined;

/**
 * A payment provider in test mode, deterministic by card token:
 * <ul>
 * <li>{@code tok_gateway_error}: fails transiently {@link SimulatedGatewaySettings#transientFailures()} times per
 * idempotency key, then is treated like any other token;</li>
 * <li>{@code tok_gateway_fault}: fails as many times with an error that says nothing of being transient (the provider
 * answered something this adapter cannot interpret), then is treated like any other token;</li>
 * <li>{@code tok_declined}: declined, {@code CARD_DECLINED};</li>
 * <li>{@code tok_insufficient_funds}: declined, {@code INSUFFICIENT_FUNDS};</li>
 * <li>an amount above {@link SimulatedGatewaySettings#amountLimit()}: declined, {@code AMOUNT_LIMIT};</li>
 * <li>any other token: approved with a fresh authorisation code.</li>
 * </ul>
 * Like a real provider it remembers the outcome of every idempotency key: a repeated call answers the first outcome
 * and places no second hold. It keeps that memory in this process only, which is what a simulator needs.
 * <p>
 * Captures and voids follow the hold's state: capturing a voided hold or a declined authorisation, or voiding a
 * captured hold, throws {@link IllegalStateException} as a provider's test mode answers an "unexpected state" error; a
 * repeat with the same key answers as the first call did. A void releases whatever the authorisation's key holds:
 * the approved hold, or nothing when the authorisation was declined or has not come yet, in which case the key is
 * closed and a later authorisation with it is declined with {@link GatewayResult#AUTHORIZATION_VOIDED}, placing no
 * hold. A hold placed with {@code tok_gateway_error} makes its capture and void fail transiently too, per their own
 * key. A capture of a hold this process does not know (placed before a restart) is trusted, since the simulator has
 * forgotten it.
 * <p>
 * {@link #unavailableFor(Duration)} simulates an outage: every call fails transiently until it ends.
 * <p>
 * Its ledger ({@link #newAuthorizationsFor}, {@link #newCapturesFor}, {@link #newVoidsFor}, {@link #holdsAmountFor},
 * {@link #callsFor}) is what a provider's dashboard shows: what was really held, charged and released per key, served at
 * {@code /actuator/gateway/{key}} ({@link SimulatedGatewayEndpoint}, which also starts outages). It stays on the
 * simulator, not in a recording wrapper, because "charged at most once" and "no hold left" are facts of the provider's
 * side: a wrapper around the port sees calls and answers, and cannot tell a repeat the provider answered from memory
 * from one that placed a second hold.
 */
@Component
public class SimulatedPaymentGateway implements PaymentGateway {

    public static final String GATEWAY_ERROR_TOKEN = "tok_gateway_error";
    public static final String GATEWAY_FAULT_TOKEN = "tok_gateway_fault";
    public static final String DECLINED_TOKEN = "tok_declined";
    public static final String INSUFFICIENT_FUNDS_TOKEN = "tok_insufficient_funds";

    private static final Logger log = LoggerFactory.getLogger(SimulatedPaymentGateway.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SimulatedGatewaySettings settings;

    private final Map<UUID, GatewayResult> outcomes = new HashMap<>();

    private final Map<UUID, Integer> calls = new HashMap<>();

    private final Map<UUID, Integer> transientFailures = new HashMap<>();

    private final Map<UUID, Integer> newAuthorizations = new HashMap<>();

    /**
     * What happened to each hold, by authorisation key: absent while it is held (or before it is asked for);
     * {@code VOIDED} also for a key voided before or instead of an approval, which no authorisation can use any more.
     */
    private final Map<UUID, Settlement> settledHolds = new HashMap<>();

    /** What each capture or void key did, so that a repeat answers the same. */
    private final Map<UUID, Settlement> settlements = new HashMap<>();

    private final Map<UUID, Integer> newCaptures = new HashMap<>();

    private final Map<UUID, Integer> newVoids = new HashMap<>();

    /** Holds placed with {@link #GATEWAY_ERROR_TOKEN}, whose captures and voids fail transiently too. */
    private final Set<UUID> flakyHolds = new HashSet<>();

    /** When the simulated outage ends, on the {@link System#nanoTime()} scale; null when there is none. */
    private Long outageEndsAt;

    public SimulatedPaymentGateway(SimulatedGatewaySettings settings) {
        this.settings = settings;
    }

    @Override
    public GatewayResult authorize(UUID idempotencyKey, Money amount, String cardToken) {
        simulateLatency();
        synchronized (this) {
            calls.merge(idempotencyKey, 1, Integer::sum);
            failDuringOutage("authorisation", idempotencyKey);
            GatewayResult remembered = outcomes.get(idempotencyKey);
            if (remembered != null) {
                log.info("Gateway: authorisation {} already decided, answering the remembered outcome", idempotencyKey);
                return remembered;
            }
            if (settledHolds.get(idempotencyKey) == Settlement.VOIDED) {
                log.info("Gateway: authorisation {} was voided before it was decided: declined, nothing held", idempotencyKey);
                GatewayResult declined = GatewayResult.declined(GatewayResult.AUTHORIZATION_VOIDED);
                outcomes.put(idempotencyKey, declined);
                return declined;
            }
            if (GATEWAY_ERROR_TOKEN.equals(cardToken)) {
                failTransiently("authorisation", idempotencyKey);
            }
            if (GATEWAY_FAULT_TOKEN.equals(cardToken)) {
                failWithAFault(idempotencyKey);
            }
            GatewayResult result = decide(amount, cardToken);
            if (result instanceof GatewayResult.Approved) {
                newAuthorizations.merge(idempotencyKey, 1, Integer::sum);
                if (GATEWAY_ERROR_TOKEN.equals(cardToken)) {
                    flakyHolds.add(idempotencyKey);
                }
            }
            outcomes.put(idempotencyKey, result);
            return result;
        }
    }

    @Override
    public void capture(UUID idempotencyKey, UUID authorizationKey, Money amount) {
        settle(idempotencyKey, authorizationKey, Settlement.CAPTURED);
    }

    @Override
    public void voidAuthorization(UUID idempotencyKey, UUID authorizationKey) {
        settle(idempotencyKey, authorizationKey, Settlement.VOIDED);
    }

    private void settle(UUID idempotencyKey, UUID authorizationKey, Settlement wanted) {
        simulateLatency();
        synchronized (this) {
            calls.merge(idempotencyKey, 1, Integer::sum);
            failDuringOutage(wanted.operation, idempotencyKey);
            Settlement remembered = settlements.get(idempotencyKey);
            if (remembered != null) {
                log.info("Gateway: {} {} already done, answering the remembered outcome", wanted.operation, idempotencyKey);
                return;
            }
            if (flakyHolds.contains(authorizationKey)) {
                failTransiently(wanted.operation, idempotencyKey);
            }
            if (wanted == Settlement.CAPTURED) {
                captureHold(idempotencyKey, authorizationKey);
            }
            else {
                voidWhateverIsHeld(idempotencyKey, authorizationKey);
            }
            settlements.put(idempotencyKey, wanted);
        }
    }

    private void captureHold(UUID idempotencyKey, UUID authorizationKey) {
        if (outcomes.get(authorizationKey) instanceof GatewayResult.Declined) {
            throw new IllegalStateException("Simulated gateway refuses the capture " + idempotencyKey + ": authorisation "
                    + authorizationKey + " was declined, nothing is held");
        }
        Settlement settled = settledHolds.get(authorizationKey);
        if (settled != null) {
            throw new IllegalStateException("Simulated gateway refuses the capture " + idempotencyKey
                    + ": the hold of authorisation " + authorizationKey + " is already " + settled);
        }
        settledHolds.put(authorizationKey, Settlement.CAPTURED);
        newCaptures.merge(authorizationKey, 1, Integer::sum);
    }

    /** Releases the approved hold; otherwise closes the key, so that no authorisation with it can hold anything. */
    private void voidWhateverIsHeld(UUID idempotencyKey, UUID authorizationKey) {
        Settlement settled = settledHolds.get(authorizationKey);
        if (settled == Settlement.CAPTURED) {
            throw new IllegalStateException("Simulated gateway refuses the void " + idempotencyKey
                    + ": the hold of authorisation " + authorizationKey + " is already CAPTURED");
        }
        if (settled == Settlement.VOIDED) {
            log.info("Gateway: void {} finds authorisation {} already voided, nothing held", idempotencyKey, authorizationKey);
            return;
        }
        settledHolds.put(authorizationKey, Settlement.VOIDED);
        if (outcomes.get(authorizationKey) instanceof GatewayResult.Approved) {
            newVoids.merge(authorizationKey, 1, Integer::sum);
        }
        else {
            log.info("Gateway: void {} closes authorisation {}, which holds nothing", idempotencyKey, authorizationKey);
        }
    }

    private void failTransiently(String operation, UUID idempotencyKey) {
        int failures = transientFailures.merge(idempotencyKey, 1, Integer::sum);
        if (failures <= settings.transientFailures()) {
            throw new GatewayUnavailableException("Simulated gateway unavailable for " + operation + " "
                    + idempotencyKey + " (transient failure " + failures + " of " + settings.transientFailures() + ")");
        }
    }

    private void failWithAFault(UUID idempotencyKey) {
        int failures = transientFailures.merge(idempotencyKey, 1, Integer::sum);
        if (failures <= settings.transientFailures()) {
            throw new IllegalStateException("Simulated gateway answered an error it does not explain for authorisation "
                    + idempotencyKey + " (fault " + failures + " of " + settings.transientFailures() + ")");
        }
    }

    /**
     * Makes every call fail transiently, as during a provider's outage, from now until {@code duration} has passed
     * ({@code POST /actuator/gateway}); a zero duration ends an outage.
     */
    public synchronized void unavailableFor(Duration duration) {
        outageEndsAt = System.nanoTime() + duration.toNanos();
        log.info("Gateway: unavailable for {}", duration);
    }

    private void failDuringOutage(String operation, UUID idempotencyKey) {
        if (outageEndsAt == null) {
            return;
        }
        if (System.nanoTime() - outageEndsAt < 0) {
            throw new GatewayUnavailableException("Simulated gateway unavailable for " + operation + " " + idempotencyKey
                    + " (outage)");
        }
        outageEndsAt = null;
        log.info("Gateway: available again");
    }

    /** How many holds this gateway placed for the key: at most one, whatever the number of calls. */
    public synchronized int newAuthorizationsFor(UUID idempotencyKey) {
        return newAuthorizations.getOrDefault(idempotencyKey, 0);
    }

    /** How many times the hold of the authorisation was charged: at most one. */
    public synchronized int newCapturesFor(UUID authorizationKey) {
        return newCaptures.getOrDefault(authorizationKey, 0);
    }

    /**
     * Whether the authorisation holds an amount on the card now: approved, neither captured nor voided.
     */
    public synchronized boolean holdsAmountFor(UUID authorizationKey) {
        return outcomes.get(authorizationKey) instanceof GatewayResult.Approved && !settledHolds.containsKey(authorizationKey);
    }

    /**
     * How many times an approved hold of the authorisation was released: at most one (closing a key that held nothing
     * does not count).
     */
    public synchronized int newVoidsFor(UUID authorizationKey) {
        return newVoids.getOrDefault(authorizationKey, 0);
    }

    /** How many times the gateway was called with the key, failed and repeated calls included. */
    public synchronized int callsFor(UUID idempotencyKey) {
        return calls.getOrDefault(idempotencyKey, 0);
    }

    private GatewayResult decide(Money amount, String cardToken) {
        if (DECLINED_TOKEN.equals(cardToken)) {
            return GatewayResult.declined(PaymentDeclined.CARD_DECLINED);
        }
        if (INSUFFICIENT_FUNDS_TOKEN.equals(cardToken)) {
            return GatewayResult.declined(PaymentDeclined.INSUFFICIENT_FUNDS);
        }
        if (amount.toBigDecimal().compareTo(settings.amountLimit()) > 0) {
            return GatewayResult.declined(PaymentDeclined.AMOUNT_LIMIT);
        }
        return GatewayResult.approved(newAuthorizationCode());
    }

    private static String newAuthorizationCode() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return "SIM-" + HexFormat.of().withUpperCase().formatHex(bytes);
    }

    private void simulateLatency() {
        Duration latency = settings.latency();
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException("Interrupted while waiting for the simulated gateway");
        }
    }

    /** What became of a hold. */
    private enum Settlement {
        CAPTURED("capture"), VOIDED("void");

        private final String operation;

        Settlement(String operation) {
            this.operation = operation;
        }
    }
}

package dev.conveyor.order.order;

import java.time.Duration;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.conveyor.messaging.MessagingBacklog;

/**
 * When the storefront stops taking new orders because the service is behind ({@code conveyor.order.admission.*}).
 * Past capacity every order accepted lengthens the queue every other order waits in, until none finishes in time;
 * refusing the excess keeps the orders already taken flowing at the rate the system can sustain.
 *
 * @param enabled        whether new orders are refused at all while the backlog is past a bound
 * @param maxOutboxAge   refuse while the oldest outbox row waiting for the broker is older than this (the relay
 *                       cannot keep up)
 * @param maxConsumerLag refuse while more records than this wait on the consumed topics (the saga's replies are not
 *                       handled as fast as they come)
 * @param retryAfter     what the {@code Retry-After} header of a refusal tells the client to wait
 * @param sampleInterval how often the backlog is sampled; a request only reads the last sample
 */
@ConfigurationProperties("conveyor.order.admission")
public record AdmissionSettings(@DefaultValue("true") boolean enabled, @DefaultValue("3s") Duration maxOutboxAge,
        @DefaultValue("1000") long maxConsumerLag, @DefaultValue("2s") Duration retryAfter,
        @DefaultValue("500ms") Duration sampleInterval) {

    public AdmissionSettings {
        SettingsChecks.requirePositive("conveyor.order.admission.max-outbox-age", maxOutboxAge);
        SettingsChecks.requirePositive("conveyor.order.admission.retry-after", retryAfter);
        SettingsChecks.requirePositive("conveyor.order.admission.sample-interval", sampleInterval);
        if (maxConsumerLag < 0) {
            throw new IllegalArgumentException("conveyor.order.admission.max-consumer-lag must not be negative");
        }
    }

    /**
     * Why a new order is refused with this backlog, or empty when it is admitted. While the broker is unreachable the
     * backlog measures an outage, not load: orders are taken and wait in the outbox, as they always could.
     */
    Optional<Backlog> refusal(MessagingBacklog.Sample sample) {
        if (!enabled || !sample.brokerReachable()) {
            return Optional.empty();
        }
        if (sample.oldestPendingAge().compareTo(maxOutboxAge) > 0) {
            return Optional.of(Backlog.OUTBOX_AGE);
        }
        if (sample.consumerLag() > maxConsumerLag) {
            return Optional.of(Backlog.CONSUMER_LAG);
        }
        return Optional.empty();
    }

    /** The backlog that passed its bound; {@code tag} names it in the refusal metric. */
    enum Backlog {
        OUTBOX_AGE("outbox-age", "the oldest unsent outbox row is older than max-outbox-age"),
        CONSUMER_LAG("consumer-lag", "more records than max-consumer-lag wait on the consumed topics");

        final String tag;

        final String description;

        Backlog(String tag, String description) {
            this.tag = tag;
            this.description = description;
        }
    }
}

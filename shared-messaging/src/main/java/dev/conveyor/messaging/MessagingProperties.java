package dev.conveyor.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox, the relay, the consumers and the topics ({@code conveyor.messaging.*}).
 *
 * @param namespace    prefix for every topic name and consumer group, to share one broker between isolated
 *                     environments (tests, developers); empty in production
 * @param consumerName the name this service consumes under: its consumer group and inbox key; defaults to
 *                     {@code spring.application.name}
 * @param source       the CloudEvents source this service publishes as, which decides the topics it owns (those of the
 *                     message types registered with that source in {@code MessageTypes}); defaults to
 *                     {@code /} followed by {@code spring.application.name}
 */
@ConfigurationProperties("conveyor.messaging")
public record MessagingProperties(@DefaultValue("") String namespace, String consumerName, String source,
        @DefaultValue Relay relay,
        @DefaultValue Consumer consumer, @DefaultValue Topics topics, @DefaultValue Health health) {

    /**
     * @param enabled         whether this instance runs a relay (one instance per database sends; others stand by)
     * @param batchSize       rows read per query, sent together and deleted in one statement once acknowledged
     * @param batchesInFlight batches sent and not yet acknowledged at a time: the next batch is read and sent while the
     *                        earlier ones wait for the broker (order per key holds: the producer is idempotent)
     * @param pollInterval    safety-net poll when no commit signalled new rows
     * @param standbyInterval how often a standby instance tries to take the lead
     * @param sendTimeout     how long to wait for the broker's acknowledgements of one batch
     * @param initialBackoff  first wait after a failed batch (Kafka unreachable); doubles up to maxBackoff
     * @param maxBackoff      longest wait between attempts while Kafka is unreachable
     * @param retention       how long rows marked published by a release before delete-on-ack are kept (the relay
     *                        now deletes rows as Kafka acknowledges them, and keeps discarded rows)
     * @param purgeInterval   how often the inbox, and those old outbox rows, are purged past their retention
     * @param purgeBatchSize  rows deleted per statement when purging
     * @param parkAfterAttempts attempts (with backoff) at a row the broker refuses for good (record too large,
     *                        invalid or forbidden topic, ...) before it is parked; transient failures never park
     * @param heartbeatInterval how often the leader checks on its leadership connection that it still holds the lock
     * @param leaseDuration   how long leadership outlives the last successful check: past it the relay neither sends
     *                        nor deletes, and PostgreSQL ends a leader session idle for longer, so a standby takes over
     */
    public record Relay(@DefaultValue("true") boolean enabled, @DefaultValue("1000") int batchSize,
            @DefaultValue("4") int batchesInFlight,
            @DefaultValue("5s") Duration pollInterval, @DefaultValue("2s") Duration standbyInterval,
            @DefaultValue("10s") Duration sendTimeout, @DefaultValue("100ms") Duration initialBackoff,
            @DefaultValue("5s") Duration maxBackoff, @DefaultValue("7d") Duration retention,
            @DefaultValue("1m") Duration purgeInterval, @DefaultValue("1000") int purgeBatchSize,
            @DefaultValue("5") int parkAfterAttempts, @DefaultValue("1s") Duration heartbeatInterval,
            @DefaultValue("5s") Duration leaseDuration) {

        public Relay {
            if (batchSize < 1 || batchesInFlight < 1) {
                throw new IllegalArgumentException("conveyor.messaging.relay.batch-size and batches-in-flight must be at least 1, were "
                        + batchSize + " and " + batchesInFlight);
            }
        }
    }

    /**
     * How the message handlers of this instance consume, and how a failing handler's message is retried. What a failure
     * is decides how long it is retried (see {@code FailureClassifier}): a transient one (database, broker or a
     * dependency such as the payment gateway unavailable, lock and serialisation failures) as long as it lasts, the
     * partition waiting, with waits from {@code initialBackoff} growing by {@code multiplier} up to
     * {@code transientMaxBackoff}; a permanent one (unreadable record, broken contract, impossible request) not at all,
     * straight to the dead-letter topic; anything else {@code maxRetries} times, waits growing up to
     * {@code maxBackoff}, then the dead-letter topic.
     *
     * @param enabled             whether the message handlers of this instance consume
     * @param concurrency         consumer threads per topic subscription (up to the partition count)
     * @param maxRetries          retries of a handler failing for an unknown reason (a bug, most likely) before the
     *                            message goes to the dead-letter topic
     * @param initialBackoff      wait before the first retry
     * @param multiplier          growth of the wait between retries
     * @param maxBackoff          longest wait between retries of a failure of unknown reason
     * @param transientMaxBackoff longest wait between retries of a transient failure, which are retried for as long as
     *                            it lasts; must stay well below the consumer's {@code max.poll.interval.ms} (5 minutes
     *                            by default), or the consumer would leave its group while it waits
     * @param inboxRetention      how long processed-message ids are kept for deduplication
     * @param sessionTimeout      how long the broker waits for a silent consumer ({@code session.timeout.ms}; it
     *                            heartbeats every third of it) before giving its partitions to the others. A crashed
     *                            instance's partitions wait that long, and so does an instance restarted in its place:
     *                            the group does not rebalance while it still counts the dead members. Kafka's default
     *                            of 45 s stalled every service restart for most of a minute. The other side: a consumer
     *                            whose heartbeat thread gets no CPU for that long (a host starved for seconds, a long
     *                            stop-the-world pause) is taken for dead and its group rebalances, harmless to the
     *                            messages (the inbox drops repeats) but a pause; raise it on such hosts. The broker
     *                            refuses less than its {@code group.min.session.timeout.ms} (6 s by default).
     *                            {@code spring.kafka.consumer.properties.session.timeout.ms} overrides it.
     */
    public record Consumer(@DefaultValue("true") boolean enabled, @DefaultValue("3") int concurrency,
            @DefaultValue("4") int maxRetries, @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier, @DefaultValue("5s") Duration maxBackoff,
            @DefaultValue("10s") Duration transientMaxBackoff, @DefaultValue("14d") Duration inboxRetention,
            @DefaultValue("10s") Duration sessionTimeout) {

        public Consumer {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("conveyor.messaging.consumer.max-retries must not be negative, was "
                        + maxRetries);
            }
            if (multiplier < 1.0) {
                throw new IllegalArgumentException("conveyor.messaging.consumer.multiplier must be at least 1, was "
                        + multiplier);
            }
            requirePositive("initial-backoff", initialBackoff);
            requirePositive("max-backoff", maxBackoff);
            requirePositive("transient-max-backoff", transientMaxBackoff);
            requirePositive("session-timeout", sessionTimeout);
        }

        private static void requirePositive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("conveyor.messaging.consumer." + name + " must be positive, was " + value);
            }
        }
    }

    /**
     * @param declare           whether the service creates the topics it writes and consumes (and their dead-letter
     *                          topics) at start-up
     * @param partitions        partitions of each declared topic
     * @param replicationFactor replication factor of each declared topic
     */
    public record Topics(@DefaultValue("true") boolean declare, @DefaultValue("3") int partitions,
            @DefaultValue("1") short replicationFactor) {
    }

    /** @param maxPendingAge the outbox health goes DOWN when the oldest unsent row is older than this */
    public record Health(@DefaultValue("1m") Duration maxPendingAge) {
    }
}

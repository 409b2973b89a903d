package dev.conveyor.messaging;

import javax.sql.DataSource;

import org.springframework.kafka.core.KafkaTemplate;

/** Builds a relay of its own, as the auto-configuration does, for tests that run several relays on one database. */
final class TestRelays {

    private TestRelays() {
    }

    static OutboxRelay relay(OutboxStore store, KafkaTemplate<String, byte[]> kafka, TopicNames topics,
            MessagingProperties properties, MessagingMetrics metrics, DataSource dataSource) {
        RelayWakeups wakeups = new RelayWakeups();
        RelayLeadership leadership = new RelayLeadership(dataSource, wakeups::signal, properties.relay().heartbeatInterval(),
                properties.relay().leaseDuration());
        return new OutboxRelay(store, kafka, topics, properties.relay(), metrics, leadership, wakeups);
    }
}

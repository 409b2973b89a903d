package dev.conveyor.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.conveyor.events.inventory.StockReleased;
import dev.conveyor.testkit.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stopping the relay finishes the batch in flight, and the relay stops only after the web server and the consumers. */
@SpringBootTest(properties = "conveyor.messaging.relay.enabled=false")
@RealInfrastructure
class RelayShutdownIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    OutboxRelay contextRelay;

    @Autowired
    MessageListeners listeners;

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxStore store;

    @Autowired
    KafkaTemplate<String, byte[]> conveyorKafkaTemplate;

    @Autowired
    TopicNames topics;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void finishesTheBatchInFlightAndMarksItBeforeItStops() throws Exception {
        GatedKafkaTemplate kafka = new GatedKafkaTemplate(conveyorKafkaTemplate.getProducerFactory());
        MessagingProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "conveyor.messaging.relay.send-timeout", "20s"))).bind("conveyor.messaging", MessagingProperties.class).get();
        OutboxRelay relay = TestRelays.relay(store, kafka, topics, properties,
                new MessagingMetrics(new SimpleMeterRegistry(), store), dataSource);
        relay.start();
        try {
            await().atMost(PATIENCE).until(relay::isLeader);
            new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                for (int i = 0; i < 20; i++) {
                    outbox.publish(new StockReleased(UUID.randomUUID(), List.of()));
                }
            });
            relay.wakeUp();
            await().atMost(PATIENCE).until(() -> kafka.sent.get() == 20);

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(relay::stop);
            await().atMost(PATIENCE).until(() -> !relay.isRunning());
            // The broker's acknowledgements arrive while the relay is stopping.
            kafka.acknowledge();
            stopped.get(30, TimeUnit.SECONDS);

            assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE published_at IS NULL", Integer.class)).isZero();
            assertThat(relay.isLeader()).isFalse();
        }
        finally {
            kafka.acknowledge();
            relay.stop();
        }
    }

    @Test
    void stopsAfterTheWebServerHasDrainedItsRequestsAndAfterTheConsumers() {
        // Spring Boot's WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE (the web server stops after draining
        // its requests at GRACEFUL_SHUTDOWN_PHASE, DEFAULT_PHASE - 1024); higher phases stop first.
        int webServerStops = SmartLifecycle.DEFAULT_PHASE - 2048;
        assertThat(contextRelay.getPhase()).isLessThan(webServerStops).isLessThan(listeners.getPhase());
    }

    /** The real template, but the broker's acknowledgements reach the relay only once the test lets them. */
    static final class GatedKafkaTemplate extends KafkaTemplate<String, byte[]> {

        final AtomicInteger sent = new AtomicInteger();

        private final CompletableFuture<Void> gate = new CompletableFuture<>();

        GatedKafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
            super(producerFactory);
        }

        @Override
        public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
            CompletableFuture<SendResult<String, byte[]>> acknowledged = super.send(record).thenCombine(gate, (result, open) -> result);
            sent.incrementAndGet();
            return acknowledged;
        }

        void acknowledge() {
            gate.complete(null);
        }
    }
}

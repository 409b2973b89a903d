package dev.conveyor.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node KRaft Kafka broker running in the test JVM. Clients connect through a listener on a fixed
 * port chosen at start, so the address stays the same for the life of the broker.
 */
final class EmbeddedKafkaBroker implements KafkaBroker {

    private final EmbeddedKafkaKraftBroker broker;

    private final String bootstrapServers;

    private EmbeddedKafkaBroker(EmbeddedKafkaKraftBroker broker, String bootstrapServers) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
    }

    static EmbeddedKafkaBroker start() {
        int port = freePort();
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,LOCAL://localhost:" + port,
                "listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,LOCAL:PLAINTEXT",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "true"));
        broker.afterPropertiesSet();
        return new EmbeddedKafkaBroker(broker, "localhost:" + port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("No free port for the embedded Kafka broker", ex);
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        broker.destroy();
    }
}

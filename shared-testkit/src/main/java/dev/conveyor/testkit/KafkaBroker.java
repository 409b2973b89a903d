package dev.conveyor.testkit;

/** A running Kafka broker (KRaft). */
public sealed interface KafkaBroker extends AutoCloseable permits EmbeddedKafkaBroker, ContainerKafkaBroker {

    /** The bootstrap servers, e.g. {@code localhost:39123}. */
    String bootstrapServers();

    @Override
    void close();
}

package dev.conveyor.messaging;

import java.io.FileReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A member of a consumer group in a process of its own, to be killed: it joins the group with the configuration it is
 * given, prints {@code assigned} once it holds partitions, and then polls without handling or committing anything
 * until its process dies. {@code CrashedConsumerIT} SIGKILLs it, as a crashed service instance.
 */
public final class CrashingConsumer {

    private CrashingConsumer() {
    }

    /** Arguments: the consumer's configuration as a properties file, then the topics, comma-separated. */
    public static void main(String[] args) throws IOException {
        Properties config = new Properties();
        try (Reader reader = new FileReader(args[0])) {
            config.load(reader);
        }
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(Arrays.asList(args[1].split(",")), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        System.out.println("assigned " + partitions);
                        System.out.flush();
                    }
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }
            });
            while (true) {
                // Holds its partitions: reads but never handles nor commits, so nothing it saw counts as consumed.
                consumer.poll(Duration.ofMillis(200));
            }
        }
    }
}

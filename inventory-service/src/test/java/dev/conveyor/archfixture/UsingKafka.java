package dev.conveyor.archfixture;

import org.apache.kafka.clients.producer.ProducerRecord;

/** A planted violation: a "domain" class that builds Kafka records. */
public class UsingKafka {

    public Object toRecord() {
        return new ProducerRecord<>("topic", "value");
    }
}

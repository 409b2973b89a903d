package dev.conveyor.payment.archfixture;

import org.apache.kafka.clients.producer.ProducerRecord;

/** A planted violation: a Kafka type in a signature. */
class KafkaUsingDomainClass {

    ProducerRecord<String, String> record() {
        return null;
    }
}

package dev.conveyor.testkit.archfixture;

import org.apache.kafka.common.utils.Time;

/** A planted violation: a domain class that depends on the Kafka client. */
class KafkaUsingDomainClass {

    long now() {
        return Time.SYSTEM.milliseconds();
    }
}

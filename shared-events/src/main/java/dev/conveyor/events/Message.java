package dev.conveyor.events;

/**
 * A command or event carried on a Conveyor topic.
 *
 * <p>The partition key is not a record component: it is derived from the payload and becomes the Kafka
 * record key, so every message about one aggregate stays in order within its topic.
 */
public interface Message {

    /** The Kafka record key: the orderId for saga messages, the sku for catalogue events. */
    String partitionKey();

    /** The CloudEvents subject: the id of the aggregate this message is about. */
    default String subject() {
        return partitionKey();
    }
}

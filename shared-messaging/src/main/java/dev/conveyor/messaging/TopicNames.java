package dev.conveyor.messaging;

/**
 * Maps the contract's topic names to the broker's, under the configured namespace, and names dead-letter topics
 * ({@code <topic>.dlt}, written by the service that consumes the topic).
 */
final class TopicNames {

    static final String DEAD_LETTER_SUFFIX = ".dlt";

    private final String prefix;

    TopicNames(String namespace) {
        this.prefix = (namespace == null || namespace.isBlank()) ? "" : namespace + ".";
    }

    String physical(String topic) {
        return prefix + topic;
    }

    String logical(String physicalTopic) {
        return physicalTopic.startsWith(prefix) ? physicalTopic.substring(prefix.length()) : physicalTopic;
    }

    String deadLetter(String topic) {
        return physical(topic + DEAD_LETTER_SUFFIX);
    }

    String groupId(String consumerName) {
        return prefix + consumerName;
    }
}

package dev.conveyor.messaging;

import java.util.List;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * Tells a row the broker refuses for good from a transient failure. Only errors about the record itself count as
 * refusals: the same row would be refused again however long the relay waits. Everything else (broker unreachable,
 * timeouts, not enough replicas, unknown topic, errors of the producer as a whole) is transient: the row waits and
 * is never parked.
 */
final class SendFailures {

    private static final List<Class<? extends Throwable>> REFUSALS = List.of(RecordTooLargeException.class,
            RecordBatchTooLargeException.class, InvalidTopicException.class, TopicAuthorizationException.class,
            SerializationException.class, InvalidRecordException.class, UnsendableRowException.class);

    private SendFailures() {
    }

    /** Whether the failure, or one of its causes, is a refusal of the record itself. */
    static boolean refusedForGood(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
            for (Class<? extends Throwable> refusal : REFUSALS) {
                if (refusal.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The failure and its causes, for the row's last error: the wrappers of Spring Kafka hide the broker's answer. */
    static String describe(Throwable failure) {
        StringBuilder description = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
            if (!description.isEmpty()) {
                description.append("; caused by ");
            }
            description.append(cause.getClass().getName()).append(": ").append(cause.getMessage());
        }
        return description.toString();
    }

    /** An outbox row that cannot even be turned into a Kafka record (its stored headers are unusable). */
    static final class UnsendableRowException extends RuntimeException {

        UnsendableRowException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

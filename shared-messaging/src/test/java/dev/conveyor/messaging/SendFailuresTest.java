package dev.conveyor.messaging;

import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.KafkaProducerException;

import static org.assertj.core.api.Assertions.assertThat;

class SendFailuresTest {

    @Test
    void recordsTheBrokerRefusesAreRefusedForGoodHoweverWrapped() {
        assertThat(SendFailures.refusedForGood(wrapped(new RecordTooLargeException("too large")))).isTrue();
        assertThat(SendFailures.refusedForGood(new InvalidTopicException("bad name"))).isTrue();
        assertThat(SendFailures.refusedForGood(wrapped(new TopicAuthorizationException("denied")))).isTrue();
        assertThat(SendFailures.refusedForGood(new SerializationException("unserialisable"))).isTrue();
        assertThat(SendFailures.refusedForGood(new SendFailures.UnsendableRowException("no source", null))).isTrue();
    }

    @Test
    void anUnreachableOrUnhealthyBrokerIsTransient() {
        assertThat(SendFailures.refusedForGood(wrapped(new TimeoutException("no metadata")))).isFalse();
        assertThat(SendFailures.refusedForGood(wrapped(new NotEnoughReplicasException("isr")))).isFalse();
        assertThat(SendFailures.refusedForGood(new NetworkException("disconnected"))).isFalse();
        assertThat(SendFailures.refusedForGood(new UnknownTopicOrPartitionException("not yet created"))).isFalse();
        assertThat(SendFailures.refusedForGood(new java.util.concurrent.TimeoutException())).isFalse();
        assertThat(SendFailures.refusedForGood(new IllegalStateException("anything else"))).isFalse();
    }

    @Test
    void describesTheBrokersAnswerBehindTheWrappers() {
        assertThat(SendFailures.describe(wrapped(new RecordTooLargeException("The message is 9000 bytes"))))
            .contains("KafkaProducerException").contains("RecordTooLargeException: The message is 9000 bytes");
    }

    private static Exception wrapped(Exception cause) {
        return new ExecutionException(new KafkaProducerException(new ProducerRecord<>("topic", "key"), "Failed to send", cause));
    }
}

package dev.conveyor.messaging;

import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.slf4j.MDC;

import dev.conveyor.events.Message;
import dev.conveyor.events.MessageType;

/**
 * The message being handled on this thread, so that the messages its handler publishes carry its correlation id,
 * name it as their cause and continue its trace, without the handler passing anything along. Also puts the ids in
 * the logging context (MDC keys {@code correlationId}, {@code messageId}, {@code traceId}).
 */
final class MessageContext {

    static final String ID = "id";
    static final String SOURCE = "source";
    static final String TYPE = "type";
    static final String SUBJECT = "subject";
    static final String TIME = "time";
    static final String CORRELATION_ID = "correlationid";
    static final String CAUSATION_ID = "causationid";
    static final String TRACEPARENT = "traceparent";

    private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private static final ThreadLocal<MessageMetadata> CURRENT = new ThreadLocal<>();

    private MessageContext() {
    }

    static <T> T runWithin(MessageMetadata metadata, Supplier<T> work) {
        MessageMetadata previous = CURRENT.get();
        CURRENT.set(metadata);
        try (MDC.MDCCloseable correlation = MDC.putCloseable("correlationId", metadata.correlationId());
                MDC.MDCCloseable message = MDC.putCloseable("messageId", metadata.id().toString());
                MDC.MDCCloseable trace = MDC.putCloseable("traceId", traceId(metadata.traceparent()))) {
            return work.get();
        }
        finally {
            if (previous == null) {
                CURRENT.remove();
            }
            else {
                CURRENT.set(previous);
            }
        }
    }

    /** The CloudEvents attributes of a new message, continuing the message being handled if there is one. */
    static Map<String, String> headersFor(UUID id, MessageType<?> type, Message message, Instant time) {
        MessageMetadata cause = CURRENT.get();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, id.toString());
        headers.put(SOURCE, type.source());
        headers.put(TYPE, type.ceType());
        headers.put(SUBJECT, message.subject());
        headers.put(TIME, time.toString());
        headers.put(CORRELATION_ID, (cause != null && cause.correlationId() != null) ? cause.correlationId() : message.subject());
        if (cause != null) {
            headers.put(CAUSATION_ID, cause.id().toString());
        }
        headers.put(TRACEPARENT, childTraceparent(cause != null ? cause.traceparent() : null));
        return headers;
    }

    /** A W3C traceparent with a new span id, in the trace of the parent when it is valid, in a new trace otherwise. */
    static String childTraceparent(String parent) {
        String traceId = traceId(parent);
        if (traceId == null) {
            traceId = hex(ThreadLocalRandom.current().nextLong()) + hex(ThreadLocalRandom.current().nextLong());
        }
        return "00-" + traceId + "-" + hex(ThreadLocalRandom.current().nextLong() | 1L) + "-01";
    }

    static String traceId(String traceparent) {
        if (traceparent == null || !TRACEPARENT_FORMAT.matcher(traceparent).matches()) {
            return null;
        }
        return traceparent.substring(3, 35);
    }

    private static String hex(long value) {
        return HexFormat.of().toHexDigits(value);
    }
}

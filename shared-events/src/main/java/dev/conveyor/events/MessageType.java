package dev.conveyor.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The published identity of one message type: its CloudEvents type, Java record, topic and source.
 *
 * @param ceType   the CloudEvents {@code type}, {@code dev.conveyor.<owner>.<Name>.v<N>}
 * @param javaType the record carried as the event's {@code data}
 * @param topic    the Kafka topic it travels on
 * @param source   the CloudEvents {@code source}: the service that writes the topic, e.g. {@code /order-service}
 * @param aggregateType the aggregate whose message stream the type belongs to, the {@code <owner>} of its CloudEvents
 *                 type: {@code order}, {@code inventory}, {@code payment}, {@code shipping}
 */
public record MessageType<T extends Message>(String ceType, Class<T> javaType, String topic, String source,
        String aggregateType) {

    private static final Pattern CE_TYPE =
            Pattern.compile("dev\\.conveyor\\.[a-z]+\\.[A-Z][A-Za-z0-9]*\\.v[1-9][0-9]*");

    public MessageType {
        Objects.requireNonNull(ceType, "ceType is required");
        Objects.requireNonNull(javaType, "javaType is required");
        Objects.requireNonNull(topic, "topic is required");
        Objects.requireNonNull(source, "source is required");
        Objects.requireNonNull(aggregateType, "aggregateType is required");
        if (!CE_TYPE.matcher(ceType).matches()) {
            throw new IllegalArgumentException("ceType must look like dev.conveyor.<owner>.<Name>.v<N>, was " + ceType);
        }
        if (!ceType.startsWith("dev.conveyor." + aggregateType + ".")) {
            throw new IllegalArgumentException("ceType " + ceType + " must name its aggregate type " + aggregateType);
        }
        if (!source.startsWith("/")) {
            throw new IllegalArgumentException("source must be a URI reference such as /order-service, was " + source);
        }
    }

    /** The classpath location of this type's JSON Schema: {@code schemas/<ceType>.schema.json}. */
    public String schemaResource() {
        return "schemas/" + ceType + ".schema.json";
    }
}

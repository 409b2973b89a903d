/**
 * Conveyor's public message contracts: every command and event as an immutable record, the topics they travel
 * on ({@link dev.conveyor.events.Topics}) and their published identities ({@link dev.conveyor.events.MessageTypes}).
 * Each message type has a JSON Schema under {@code schemas/} and the topics are described in {@code asyncapi.yaml}.
 *
 * <p>Evolution rule: a published {@code v1} changes only additively (new optional fields, new enum values);
 * consumers ignore unknown fields, so a Jackson consumer must keep
 * {@code DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES} disabled (Jackson 3's default; Jackson 2 enables it).
 * A breaking change is a new type ({@code ...v2}).
 */
package dev.conveyor.events;

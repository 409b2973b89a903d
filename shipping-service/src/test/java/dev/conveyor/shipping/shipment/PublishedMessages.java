package dev.conveyor.shipping.shipment;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.events.Message;
import dev.conveyor.events.MessageTypes;

/**
 * What the service committed to publish about an order, read from its outbox: the exact, complete record, where the
 * bus only shows what has arrived so far. Used to assert that something was published once, or not at all.
 */
final class PublishedMessages {

    private final JdbcTemplate jdbc;

    PublishedMessages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The simple names of the message types published for the order, in publication order. */
    List<String> forOrder(UUID orderId) {
        return jdbc.queryForList("SELECT ce_type FROM outbox WHERE message_key = ? ORDER BY position", String.class,
                orderId.toString()).stream().map(PublishedMessages::simpleName).toList();
    }

    static String name(Class<? extends Message> type) {
        return simpleName(MessageTypes.of(type).ceType());
    }

    private static String simpleName(String ceType) {
        String withoutVersion = ceType.substring(0, ceType.lastIndexOf('.'));
        return withoutVersion.substring(withoutVersion.lastIndexOf('.') + 1);
    }
}

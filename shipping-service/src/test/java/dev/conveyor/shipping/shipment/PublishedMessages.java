package dev.conveyor.shipping.shipment;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.conveyor.events.Message;
import dev.conveyor.events.MessageTypes;
import dev.conveyor.testkit.MessageBus;

/**
 * What the service published about an order, once its outbox is sent: the exact, complete record, where
 * {@link MessageBus#await} only shows that something arrived. Used to assert that something was published once, or not
 * at all.
 */
final class PublishedMessages {

    private final MessageBus bus;

    private final DataSource database;

    PublishedMessages(MessageBus bus, DataSource database) {
        this.bus = bus;
        this.database = database;
    }

    /** The simple names of the message types published for the order, in publication order, each message once. */
    List<String> forOrder(UUID orderId) {
        return bus.publishedWithKey(database, orderId.toString()).stream()
            .map(record -> simpleName(record.type()))
            .toList();
    }

    static String name(Class<? extends Message> type) {
        return simpleName(MessageTypes.of(type).ceType());
    }

    private static String simpleName(String ceType) {
        String withoutVersion = ceType.substring(0, ceType.lastIndexOf('.'));
        return withoutVersion.substring(withoutVersion.lastIndexOf('.') + 1);
    }
}

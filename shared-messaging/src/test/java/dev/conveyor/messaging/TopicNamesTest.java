package dev.conveyor.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicNamesTest {

    @Test
    void usesTheContractNamesWithoutANamespace() {
        TopicNames topics = new TopicNames("");

        assertThat(topics.physical("orders.events")).isEqualTo("orders.events");
        assertThat(topics.deadLetter("inventory.commands")).isEqualTo("inventory.commands.dlt");
        assertThat(topics.groupId("order-service")).isEqualTo("order-service");
    }

    @Test
    void prefixesTopicsAndGroupsWithTheNamespaceAndStripsItBack() {
        TopicNames topics = new TopicNames("t7-demo");

        assertThat(topics.physical("orders.events")).isEqualTo("t7-demo.orders.events");
        assertThat(topics.logical("t7-demo.orders.events")).isEqualTo("orders.events");
        assertThat(topics.deadLetter("inventory.commands")).isEqualTo("t7-demo.inventory.commands.dlt");
        assertThat(topics.groupId("order-service")).isEqualTo("t7-demo.order-service");
    }
}

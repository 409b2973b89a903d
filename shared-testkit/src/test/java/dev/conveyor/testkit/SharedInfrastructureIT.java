package dev.conveyor.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The shared infrastructure, used without Spring, as the system tests use it. */
class SharedInfrastructureIT {

    private final TestInfrastructure infrastructure = TestInfrastructure.get();

    @Test
    void runsTheConfiguredMode() {
        InfrastructureMode configured = InfrastructureMode.configured();
        if (configured != InfrastructureMode.AUTO) {
            assertThat(infrastructure.mode()).isEqualTo(configured);
        }
        assertThat(infrastructure.mode()).isNotEqualTo(InfrastructureMode.AUTO);
    }

    @Test
    void roundTripsRowsThroughARealDatabase() throws SQLException {
        TestDatabase database = infrastructure.createDatabase("round trip");

        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE parcel (id bigint PRIMARY KEY, payload jsonb NOT NULL)");
            statement.execute("INSERT INTO parcel VALUES (1, '{\"sku\": \"SKU-1001\"}')");
            try (ResultSet rows = statement.executeQuery("SELECT payload ->> 'sku', version() FROM parcel")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("SKU-1001");
                assertThat(rows.getString(2)).startsWith("PostgreSQL 17");
            }
        }
    }

    @Test
    void givesEachDatabaseItsOwnTablesAndOwner() throws SQLException {
        TestDatabase first = infrastructure.createDatabase("first");
        TestDatabase second = infrastructure.createDatabase("second");

        execute(first, "CREATE TABLE only_in_first (id int PRIMARY KEY)");

        assertThat(first.name()).isNotEqualTo(second.name());
        assertThat(tableExists(first, "only_in_first")).isTrue();
        assertThat(tableExists(second, "only_in_first")).isFalse();
        TestDatabase secondsOwnerOnFirst = new TestDatabase(first.name(), first.jdbcUrl(), second.username(), second.password());
        assertThatThrownBy(() -> execute(secondsOwnerOnFirst, "SELECT 1"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("permission denied");
    }

    @Test
    void roundTripsRecordsThroughARealBroker() {
        String topic = infrastructure.newNamespace("round trip") + ".parcels";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties());
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(topic + "-reader"))) {
            producer.send(new ProducerRecord<>(topic, "SKU-1001", "hello")).get();
            consumer.subscribe(List.of(topic));

            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });

            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("SKU-1001");
                assertThat(record.value()).isEqualTo("hello");
            });
        }
        catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }

    @Test
    void handsOutDistinctNamespaces() {
        assertThat(infrastructure.newNamespace("Same Class")).isNotEqualTo(infrastructure.newNamespace("Same Class"))
            .matches("t\\d+-same-class");
    }

    private Properties producerProperties() {
        Properties properties = new Properties();
        properties.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        return properties;
    }

    private Properties consumerProperties(String group) {
        Properties properties = new Properties();
        properties.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        return properties;
    }

    private static void execute(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static boolean tableExists(TestDatabase database, String table) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                ResultSet rows = connection.getMetaData().getTables(null, "public", table, null)) {
            return rows.next();
        }
    }
}

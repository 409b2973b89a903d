package dev.conveyor.testkit;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives one test class's application context a fresh database, the shared broker and a namespace. The connection is
 * made the way Spring Boot's {@code @ServiceConnection} makes it, with {@link JdbcConnectionDetails} and
 * {@link KafkaConnectionDetails} beans, so it works the same for containers and embedded servers.
 * <p>
 * The customizer is tied to its test class: contexts are not shared between classes, so no class sees another's data.
 */
final class RealInfrastructureContextCustomizer implements ContextCustomizer {

    private final Class<?> testClass;

    RealInfrastructureContextCustomizer(Class<?> testClass) {
        this.testClass = testClass;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        TestDatabase database = infrastructure.createDatabase(testClass.getSimpleName());
        String namespace = infrastructure.newNamespace(testClass.getSimpleName());
        String bootstrapServers = infrastructure.kafka().bootstrapServers();

        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton("conveyorTestDatabase", database);
        beanFactory.registerSingleton("conveyorTestNamespace", namespace);
        beanFactory.registerSingleton("conveyorJdbcConnectionDetails", new DatabaseConnectionDetails(database));
        beanFactory.registerSingleton("conveyorKafkaConnectionDetails", new BrokerConnectionDetails(bootstrapServers));
        MessageBus bus = MessageBus.connect(namespace);
        beanFactory.registerSingleton("conveyorMessageBus", bus);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                bus.close();
            }
        });
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("conveyorTestInfrastructure",
                Map.of(NamespaceProperty.NAME, namespace, "spring.kafka.bootstrap-servers", bootstrapServers)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RealInfrastructureContextCustomizer customizer && customizer.testClass == testClass;
    }

    @Override
    public int hashCode() {
        return Objects.hash(testClass);
    }

    private record DatabaseConnectionDetails(TestDatabase database) implements JdbcConnectionDetails {

        @Override
        public String getUsername() {
            return database.username();
        }

        @Override
        public String getPassword() {
            return database.password();
        }

        @Override
        public String getJdbcUrl() {
            return database.jdbcUrl();
        }
    }

    private record BrokerConnectionDetails(String bootstrapServers) implements KafkaConnectionDetails {

        @Override
        public List<String> getBootstrapServers() {
            return List.of(bootstrapServers);
        }
    }
}

package dev.conveyor.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.conveyor.testkit.KafkaBrokerProcess;
import dev.conveyor.testkit.TestDatabase;
import dev.conveyor.testkit.TestInfrastructure;

/**
 * The whole system, started once per test JVM: the four services as separate processes, each on its own fresh
 * database of the shared PostgreSQL, all on one Kafka broker process that fault tests can stop and start.
 */
final class RunningSystem {

    private static final Logger log = LoggerFactory.getLogger(RunningSystem.class);

    private static RunningSystem instance;

    final KafkaBrokerProcess broker;

    final ServiceProcess order;

    final ServiceProcess inventory;

    final ServiceProcess payment;

    final ServiceProcess shipping;

    private RunningSystem() {
        long started = System.nanoTime();
        TestInfrastructure infrastructure = TestInfrastructure.get();
        broker = KafkaBrokerProcess.startNew();
        inventory = service("inventory-service", infrastructure);
        payment = service("payment-service", infrastructure);
        shipping = service("shipping-service", infrastructure);
        order = service("order-service", infrastructure);
        List<ServiceProcess> all = List.of(inventory, payment, shipping, order);
        all.forEach(ServiceProcess::start);
        all.forEach(ServiceProcess::awaitHealthy);
        log.info("System up in {} s: order {}, inventory {}, payment {}, shipping {}", (System.nanoTime() - started) / 1_000_000_000,
                order.baseUrl(), inventory.baseUrl(), payment.baseUrl(), shipping.baseUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Nothing to keep: kill rather than wait for four graceful shutdowns.
            all.forEach(ServiceProcess::kill);
            broker.close();
        }));
    }

    static synchronized RunningSystem get() {
        if (instance == null) {
            instance = new RunningSystem();
        }
        return instance;
    }

    private ServiceProcess service(String name, TestInfrastructure infrastructure) {
        TestDatabase database = infrastructure.createDatabase(name);
        Map<String, String> properties = new LinkedHashMap<>(database.springProperties());
        properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        properties.put("conveyor.messaging.relay.poll-interval", "1s");
        properties.put("conveyor.messaging.relay.max-backoff", "2s");
        properties.put("conveyor.messaging.consumer.initial-backoff", "100ms");
        properties.put("conveyor.messaging.consumer.max-backoff", "1s");
        properties.put("logging.level.org.apache.kafka", "WARN");
        return new ServiceProcess(name, properties);
    }
}

package dev.conveyor.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP when the broker answers a cluster description within a short timeout, DOWN otherwise. The answer is kept for a
 * few seconds, so that readiness probes of several kinds do not each ask the broker; one admin client is kept open
 * for the service's lifetime rather than one connection per probe.
 */
class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    private final Map<String, Object> adminConfig;

    private final Duration timeout;

    private final Duration cacheFor;

    private final Clock clock;

    private Admin admin;

    private Health last;

    private Instant lastAt = Instant.MIN;

    KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout, Duration cacheFor, Clock clock) {
        Map<String, Object> config = new HashMap<>(adminConfig);
        int millis = (int) timeout.toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "conveyor-health");
        this.adminConfig = config;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(lastAt.plus(cacheFor))) {
            last = check();
            lastAt = now;
        }
        return last;
    }

    private Health check() {
        try {
            DescribeClusterResult cluster = admin().describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Collection<Node> nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up().withDetail("clusterId", String.valueOf(clusterId)).withDetail("nodes", nodes.size()).build();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        }
        catch (ExecutionException ex) {
            return down(String.valueOf(ex.getCause()));
        }
        catch (TimeoutException ex) {
            return down("no answer from the broker within " + timeout.toMillis() + " ms");
        }
        catch (RuntimeException ex) {
            return down(ex.toString());
        }
    }

    private static Health down(String error) {
        return Health.down().withDetail("error", error).build();
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminConfig);
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}

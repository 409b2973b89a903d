package dev.conveyor.loadtest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * Reads the services' messaging metrics: the outbox backlog while the run goes, and before and after it the
 * commit-to-ack and inbox-handled timers, whose differences say where an order's time goes.
 */
class ServiceMetrics {

    /** A Micrometer timer's cumulative count and total time, in seconds. */
    record Timer(long count, double totalSeconds) {

        Timer minus(Timer earlier) {
            return new Timer(count - earlier.count, totalSeconds - earlier.totalSeconds);
        }
    }

    /** The mean time of one step over the measured window. */
    record Hop(String service, String step, long count, double meanMs) {
    }

    private final ConveyorApi api;

    private final Map<String, String> services;

    private final Map<String, Integer> maxPending = new TreeMap<>();

    ServiceMetrics(ConveyorApi api, Options options) {
        this.api = api;
        this.services = new LinkedHashMap<>();
        services.put("order", options.orderUrl());
        services.put("inventory", options.inventoryUrl());
        services.put("payment", options.paymentUrl());
        services.put("shipping", options.shippingUrl());
    }

    /** The outbox rows waiting for Kafka, summed over the services; -1 when no service answered. */
    int pending() {
        int total = -1;
        for (var service : services.entrySet()) {
            try {
                JsonNode metric = api.metric(service.getValue(), "conveyor.outbox.pending", null);
                if (metric != null) {
                    int value = (int) statistic(metric, "VALUE");
                    synchronized (maxPending) {
                        maxPending.merge(service.getKey(), value, Math::max);
                    }
                    total = Math.max(total, 0) + value;
                }
            } catch (IOException e) {
                // A service that does not answer for a second is itself a finding of the run; keep going.
            }
        }
        return total;
    }

    Map<String, Integer> maxPending() {
        synchronized (maxPending) {
            return new TreeMap<>(maxPending);
        }
    }

    /** Every timer of interest, keyed "service step". */
    Map<String, Timer> timers() {
        Map<String, Timer> timers = new TreeMap<>();
        for (var service : services.entrySet()) {
            try {
                JsonNode ack = api.metric(service.getValue(), "conveyor.outbox.commit.to.ack", null);
                if (ack != null) {
                    timers.put(service.getKey() + "\toutbox commit-to-ack", timer(ack));
                }
                JsonNode handled = api.metric(service.getValue(), "conveyor.inbox.handled", null);
                if (handled != null) {
                    for (String type : tagValues(handled, "type")) {
                        JsonNode byType = api.metric(service.getValue(), "conveyor.inbox.handled", "type:" + type);
                        timers.put(service.getKey() + "\thandle " + OrderEvents.shortType(shortName(type)),
                                timer(byType));
                    }
                }
            } catch (IOException e) {
                // Leave the service out of the breakdown rather than fail the run.
            }
        }
        return timers;
    }

    /** The steps that ran during the window, with their mean time. */
    static List<Hop> hops(Map<String, Timer> before, Map<String, Timer> after) {
        List<Hop> hops = new ArrayList<>();
        for (var entry : after.entrySet()) {
            Timer delta = entry.getValue().minus(before.getOrDefault(entry.getKey(), new Timer(0, 0)));
            if (delta.count() > 0) {
                String[] key = entry.getKey().split("\t");
                double mean = Math.round(delta.totalSeconds() / delta.count() * 10_000) / 10.0;
                hops.add(new Hop(key[0], key[1], delta.count(), mean));
            }
        }
        return hops;
    }

    private static Timer timer(JsonNode metric) {
        return new Timer((long) statistic(metric, "COUNT"), statistic(metric, "TOTAL_TIME"));
    }

    private static double statistic(JsonNode metric, String name) {
        for (JsonNode measurement : metric.path("measurements")) {
            if (measurement.path("statistic").asString().equals(name)) {
                return measurement.path("value").asDouble();
            }
        }
        return 0;
    }

    private static List<String> tagValues(JsonNode metric, String tag) {
        List<String> values = new ArrayList<>();
        for (JsonNode available : metric.path("availableTags")) {
            if (available.path("tag").asString().equals(tag)) {
                available.path("values").forEach(v -> values.add(v.asString()));
            }
        }
        return values;
    }

    /** {@code dev.conveyor.inventory.ReserveStock.v1} becomes {@code ReserveStock.v1}. */
    private static String shortName(String type) {
        String[] parts = type.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : type;
    }
}

package dev.conveyor.loadtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The settings of one chaos run, parsed from the command line.
 *
 * @param rate           orders per second placed for the whole run (open model)
 * @param rounds         how many times each component is killed
 * @param downtime       how long a killed component stays down before it is started again
 * @param seed           seeds the order of the kills, so a run's schedule can be repeated
 * @param warmup         load before the first kill
 * @param settle         load between a recovery and the next kill
 * @param recoveryWait   how long to wait after a restart for the next completed order before moving on
 * @param brokerBound    the longest acceptable time from the broker's restart to the next completed order
 * @param recoveryBound  the same for every other component
 * @param grace          how long after the last restart every accepted order must be final and the invariants hold
 * @param components     what to kill, in {@link KillPlan#COMPONENTS} names
 * @param allowNonDurable run even when PostgreSQL runs without fsync or synchronous commit (the run then proves
 *                        nothing about durability, and says so)
 */
record ChaosOptions(int rate, int rounds, Duration downtime, long seed, boolean shortRun, Duration warmup,
        Duration settle, Duration recoveryWait, Duration brokerBound, Duration recoveryBound, Duration grace,
        List<String> components, boolean allowNonDurable, Path out, Path launcher, Path localDir, String orderUrl,
        String inventoryUrl, String paymentUrl, String shippingUrl, String bootstrapServers, int postgresPort,
        boolean help) {

    static final String USAGE = """
            Usage: conveyor chaos [OPTIONS]
            Places orders against the running local stack (shipped: the warehouse dispatches and delivers them)
            while it SIGKILLs PostgreSQL's postmaster, the Kafka broker and each service in turn, restarting each
            with `conveyor start` after a short downtime. Then it checks that every order that got a 201 exists
            and is final, stock is conserved, payments are consistent and no dead letter was written.
              --rate N               orders per second, all run long (default 6; --short: 4): what two cores sustain
                                     while every component is killed and restarts; more on bigger hardware
              --rounds N             times each component is killed (default 2; --short: 1)
              --downtime D           how long a killed component stays down (default 5s; --short: 2s)
              --seed N               order of the kills (default: random, printed, so a run can be repeated)
              --components LIST      comma-separated, default all: postgres,kafka,inventory-service,
                                     payment-service,shipping-service,order-service
              --short                a quick run for CI: each component once, shorter pauses
              --warmup D             load before the first kill (default 10s; --short: 5s)
              --settle D             load between a recovery and the next kill (default 5s; --short: 2s)
              --recovery-wait D      wait for the next completed order after a restart (default 120s)
              --broker-bound D       restart-to-next-completed-order bound for kafka (default 10s)
              --recovery-bound D     the same bound for every other component (default 60s)
              --grace D              after the last restart, every accepted order must be final within (default 60s)
              --allow-non-durable    run although PostgreSQL has fsync or synchronous_commit off (warns loudly)
              --out DIR              where result.json and report.html go (default load-test-results/<run id>)
            Set by ./conveyor chaos from the launcher's settings (ports, directory):
              --launcher PATH  --local-dir DIR  --order-url URL  --inventory-url URL  --payment-url URL
              --shipping-url URL  --bootstrap-servers S  --postgres-port N
            Exit status: 0 when every invariant and bound holds, 1 when one breaks, 2 on a usage error,
            3 when it refuses to run (PostgreSQL not durable, stack not up).
            """;

    static ChaosOptions parse(String... args) {
        List<String> flags = List.of("--short", "--allow-non-durable", "--help");
        List<String> known = List.of("--rate", "--rounds", "--downtime", "--seed", "--components", "--warmup",
                "--settle", "--recovery-wait", "--broker-bound", "--recovery-bound", "--grace", "--out", "--launcher",
                "--local-dir", "--order-url", "--inventory-url", "--payment-url", "--shipping-url",
                "--bootstrap-servers", "--postgres-port");
        Map<String, String> v = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (flags.contains(arg)) {
                v.put(arg, "true");
            } else if (known.contains(name)) {
                if (arg.contains("=")) {
                    v.put(name, arg.substring(arg.indexOf('=') + 1));
                } else if (i + 1 < args.length) {
                    v.put(name, args[++i]);
                } else {
                    throw new IllegalArgumentException(name + " needs a value");
                }
            } else {
                unknown.add(arg);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown argument " + unknown.getFirst());
        }
        boolean shortRun = v.containsKey("--short");
        List<String> components = v.containsKey("--components")
                ? Arrays.stream(v.get("--components").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                : KillPlan.COMPONENTS;
        for (String component : components) {
            if (!KillPlan.COMPONENTS.contains(component)) {
                throw new IllegalArgumentException("unknown component '" + component + "': one of "
                        + String.join(",", KillPlan.COMPONENTS));
            }
        }
        long seed;
        try {
            seed = v.containsKey("--seed") ? Long.parseLong(v.get("--seed")) : ThreadLocalRandom.current().nextLong(1, 1_000_000);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be a whole number, not '" + v.get("--seed") + "'");
        }
        return new ChaosOptions(positive(v, "--rate", shortRun ? 4 : 6), positive(v, "--rounds", shortRun ? 1 : 2),
                duration(v, "--downtime", shortRun ? "2s" : "5s"), seed, shortRun,
                duration(v, "--warmup", shortRun ? "5s" : "10s"), duration(v, "--settle", shortRun ? "2s" : "5s"),
                duration(v, "--recovery-wait", "120s"), duration(v, "--broker-bound", "10s"),
                duration(v, "--recovery-bound", "60s"), duration(v, "--grace", "60s"), List.copyOf(components),
                v.containsKey("--allow-non-durable"), v.containsKey("--out") ? Path.of(v.get("--out")) : null,
                Path.of(v.getOrDefault("--launcher", "./conveyor")), Path.of(v.getOrDefault("--local-dir", ".local")),
                v.getOrDefault("--order-url", "http://localhost:8081"),
                v.getOrDefault("--inventory-url", "http://localhost:8082"),
                v.getOrDefault("--payment-url", "http://localhost:8083"),
                v.getOrDefault("--shipping-url", "http://localhost:8084"),
                v.getOrDefault("--bootstrap-servers", "localhost:9092"), positive(v, "--postgres-port", 5432),
                v.containsKey("--help"));
    }

    /** The restart-to-next-completed-order bound of a component. */
    Duration boundFor(String component) {
        return component.equals("kafka") ? brokerBound : recoveryBound;
    }

    /** The load test's settings for the chaos run's load: shipped orders at the rate, until the kills are over. */
    Options load() {
        // The warehouse waits as long as an order may take to complete; the length is ended by Generator.stop().
        Duration patience = recoveryWait.plus(grace).plus(downtime);
        return new Options(rate, 0, Duration.ofDays(1), 0, Duration.ZERO, 10, false, 0, 0, true, patience, out,
                orderUrl, inventoryUrl, paymentUrl, shippingUrl, bootstrapServers,
                "jdbc:postgresql://localhost:" + postgresPort + "/orders", "order_service", "order_service", localDir,
                false);
    }

    String describe() {
        return "%d orders/s shipped, %d round(s) of kills of %s, %d s down, seed %d%s".formatted(rate, rounds,
                String.join(", ", components), downtime.toSeconds(), seed, shortRun ? " (short)" : "");
    }

    private static int positive(Map<String, String> values, String name, int fallback) {
        if (!values.containsKey(name)) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + values.get(name) + "'");
        }
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }

    private static Duration duration(Map<String, String> values, String name, String fallback) {
        return Options.duration(values.getOrDefault(name, fallback));
    }
}

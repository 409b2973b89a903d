package dev.conveyor.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.TopicPartition;

/**
 * The chaos run ({@code conveyor chaos}): shipped orders at a steady rate while PostgreSQL, the broker and each
 * service are killed with SIGKILL and restarted, one after the other, as {@link KillPlan} orders them. Per kill it
 * measures how long the system took to complete an order again; afterwards it checks that every accepted order is
 * final and the invariants hold. Shares the load test's generator, API client, ledger, warehouse and invariants.
 */
final class Chaos {

    static final int REFUSED = 3;

    private static final int PRODUCTS = 10;

    private static final int PLENTY = 1_000_000;

    private final ChaosOptions options;

    private final ConveyorApi api;

    private final PostgresProbe postgres;

    private final StackControl stack;

    private long lastUpNanos;

    private final String runId = "chaos" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyMMddHHmmss"))
            + Integer.toHexString((int) (Math.random() * 0xfff));

    private Chaos(ChaosOptions options) {
        this.options = options;
        this.api = new ConveyorApi(options.load());
        this.postgres = new PostgresProbe(options.postgresPort());
        int kafkaPort = port(options.bootstrapServers());
        this.stack = new StackControl(options.launcher(), options.localDir(), postgres, kafkaPort,
                Map.of("order-service", options.orderUrl(), "inventory-service", options.inventoryUrl(),
                        "payment-service", options.paymentUrl(), "shipping-service", options.shippingUrl()));
    }

    static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("chaos: " + e.getMessage());
            System.err.print(ChaosOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(ChaosOptions.USAGE);
            return;
        }
        System.exit(new Chaos(options).run());
    }

    private int run() throws Exception {
        Instant startedAt = Instant.now();
        System.out.println("chaos " + runId + ": " + options.describe());
        Map<String, String> settings;
        try {
            settings = postgres.durabilitySettings();
        } catch (SQLException e) {
            System.out.println("chaos: cannot query PostgreSQL on port " + options.postgresPort() + " (" + e.getMessage()
                    + "): is the stack up? (./conveyor up)");
            return REFUSED;
        }
        List<String> notDurable = PostgresProbe.notDurable(settings);
        System.out.println("PostgreSQL runs with " + describe(settings));
        if (!notDurable.isEmpty()) {
            String warning = "PostgreSQL is not durable (" + String.join(", ", notDurable) + "): a crash may lose "
                    + "commits it acknowledged, so this run cannot show that no accepted order is lost";
            if (!options.allowNonDurable()) {
                System.out.println("chaos: refusing to run: " + warning + ". Start the stack durable, or pass "
                        + "--allow-non-durable to run anyway (the run then fails).");
                return REFUSED;
            }
            System.out.println("!".repeat(100));
            System.out.println("!! WARNING: " + warning + ".");
            System.out.println("!! Running anyway (--allow-non-durable); the verdict will be FAILED for that alone.");
            System.out.println("!".repeat(100));
        }
        for (String component : options.components()) {
            if (stack.pidToKill(component).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isEmpty()) {
                System.out.println("chaos: " + component + " is not running (no live pid under " + options.localDir()
                        + "): start the stack first (./conveyor up)");
                return REFUSED;
            }
        }
        warnAboutEphemeralPorts();
        List<KillPlan.Step> plan = KillPlan.plan(options.components(), options.rounds(), options.seed());
        System.out.println("kill order (seed " + options.seed() + "): "
                + String.join(", ", plan.stream().map(KillPlan.Step::component).toList()));
        ChaosResult result = execute(startedAt, settings, notDurable.isEmpty(), plan);
        write(result);
        print(result);
        if (options.localDir() != null) {
            StuckOrders.explain(StuckOrders.named(result.brokenInvariants()), options.localDir().resolve("logs"))
                .forEach(System.out::println);
        }
        return result.passed() ? 0 : 1;
    }

    private void warnAboutEphemeralPorts() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (!Files.isReadable(range)) {
            return;
        }
        try {
            String[] bounds = Files.readString(range).strip().split("\\s+");
            List<Integer> ports = new ArrayList<>(List.of(options.postgresPort(), port(options.bootstrapServers())));
            for (String url : List.of(options.orderUrl(), options.inventoryUrl(), options.paymentUrl(),
                    options.shippingUrl())) {
                ports.add(java.net.URI.create(url).getPort());
            }
            List<Integer> clashing = StackControl.ephemeral(ports, Integer.parseInt(bounds[0]),
                    Integer.parseInt(bounds[1]));
            if (!clashing.isEmpty()) {
                System.out.println("WARNING: ports " + clashing + " are in the kernel's ephemeral port range "
                        + bounds[0] + "-" + bounds[1] + ": while a component is down, a client retrying its port can "
                        + "connect to itself on it and hold it, and the restarted component then fails to bind it. "
                        + "Prefer ports below " + bounds[0] + ".");
            }
        } catch (IOException | RuntimeException e) {
            // Only a warning: without the kernel's range there is nothing to compare with.
        }
    }

    private static int port(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }

    private ChaosResult execute(Instant startedAt, Map<String, String> settings, boolean durable,
            List<KillPlan.Step> plan) throws Exception {
        Map<String, Integer> products = registerProducts();
        String customerId = runId;
        long start = System.nanoTime() + 200_000_000L;
        Ledger ledger = new Ledger("OrderDelivered", start);
        List<KillOutcome> kills = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        Double finalAfter = null;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
                OrderEvents events = new OrderEvents(options.bootstrapServers(), customerId, ledger);
                DeadLetterTopics deadLetters = new DeadLetterTopics(options.bootstrapServers());
                ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor()) {
            Map<TopicPartition, Long> deadLettersBefore = deadLetters.ends();
            events.start();
            Options load = options.load();
            Warehouse warehouse = new Warehouse(api, ledger, executor, load.grace());
            Generator generator = new Generator(load, api, ledger, warehouse, List.copyOf(products.keySet()),
                    customerId, executor);
            Thread loadThread = Thread.ofPlatform().name("load").start(() -> {
                try {
                    generator.run(start, start);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ticker.scheduleAtFixedRate(() -> progress(ledger, start), 5, 5, TimeUnit.SECONDS);

            long lastRestart = kill(plan, ledger, start, kills, skipped);

            generator.stop();
            loadThread.join();
            awaitAnswers(generator);
            long deadline = lastRestart + options.grace().toNanos();
            List<Ledger.Entry> orders = new ArrayList<>(ledger.entries());
            int answered = orders.size();
            broken.addAll(addOrdersCreatedWithoutAnswer(customerId, orders));
            orders.subList(answered, orders.size()).forEach(order -> warehouse.followUnanswered(order, deadline));
            awaitCompletion(ledger, deadline);
            System.out.println("checking the invariants of " + orders.size() + " orders...");
            List<String> orderInvariants = new Verification(api, executor).check(true, orders, products, deadline);
            if (orderInvariants.isEmpty()) {
                finalAfter = Math.round((System.nanoTime() - lastRestart) / 1e8) / 10.0;
            }
            broken.addAll(orderInvariants);
            ticker.shutdownNow();
            ledger.noteIncomplete();
            Map<String, Long> underway = warehouse.underway();
            if (!underway.isEmpty()) {
                System.out.println("the warehouse is still shipping " + underway.values().stream().mapToLong(n -> n).sum()
                        + " order(s), by the problem of their last attempt: " + underway);
            }
            broken.addAll(checkPayments(startedAt, orders));
            broken.addAll(Invariants.deadLetters(deadLetters.since(deadLettersBefore)));
            long createdWithoutAnswer = orders.size() - ledger.placed();
            return result(startedAt, settings, durable, kills, skipped, ledger, createdWithoutAnswer, finalAfter,
                    broken, start);
        }
    }

    /** Carries out the plan; returns when the last component was up again (or the load's start if none was killed). */
    private long kill(List<KillPlan.Step> plan, Ledger ledger, long start, List<KillOutcome> kills, List<String> skipped)
            throws Exception {
        long lastRestart = start;
        pause(start + options.warmup().toNanos());
        String abort = null;
        if (awaitSuccess(ledger, start, System.nanoTime() + options.recoveryWait().toNanos()).isEmpty()) {
            abort = "no order completed before the first kill";
        }
        for (KillPlan.Step step : plan) {
            if (abort != null) {
                skipped.add(step.component() + " (round " + step.round() + ")");
                continue;
            }
            KillOutcome outcome = killAndRestart(step, ledger, start);
            kills.add(outcome);
            System.out.println("KILL " + outcome.line());
            if (outcome.verdict() == KillOutcome.Verdict.NOT_KILLED
                    || outcome.verdict() == KillOutcome.Verdict.NOT_RESTARTED) {
                abort = step.component() + " " + outcome.verdict();
                lastRestart = System.nanoTime();
                continue;
            }
            lastRestart = lastUpNanos;
            pause(System.nanoTime() + options.settle().toNanos());
        }
        if (abort != null && !skipped.isEmpty()) {
            System.out.println("chaos: stopped killing (" + abort + "); skipped: " + String.join(", ", skipped));
        }
        return lastRestart;
    }

    private KillOutcome killAndRestart(KillPlan.Step step, Ledger ledger, long start) throws Exception {
        String component = step.component();
        long bound = options.boundFor(component).toMillis();
        Optional<Long> wrapper = component.equals("postgres") ? stack.launcherPid(component) : Optional.empty();
        long killedAt = System.nanoTime();
        double at = Math.round((killedAt - start) / 1e8) / 10.0;
        StackControl.Killed killed = stack.kill(component);
        if (!killed.dead()) {
            return new KillOutcome(step.round(), component, killed.pid(), at, 0, 0, null, bound,
                    KillOutcome.Verdict.NOT_KILLED, killed.note());
        }
        pause(killedAt + options.downtime().toNanos());
        List<String> notes = new ArrayList<>();
        // The launcher's PostgreSQL process should notice the postmaster's death and exit, so that it can be started
        // again; one that lives on makes `conveyor start postgres` believe the server is still running.
        long wrapperDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (wrapper.flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false)
                && System.nanoTime() < wrapperDeadline) {
            Thread.sleep(100);
        }
        wrapper.filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
            .ifPresent(pid -> notes.add("the launcher's PostgreSQL process (pid " + pid + ") outlived the postmaster"));
        long startedAt = System.nanoTime();
        StackControl.Restarted restarted = stack.restart(component);
        long upAt = System.nanoTime();
        lastUpNanos = upAt;
        if (restarted.note() != null) {
            notes.add(restarted.note());
        }
        Long recovery = null;
        if (restarted.up()) {
            OptionalLong completed = awaitSuccess(ledger, killedAt, upAt + options.recoveryWait().toNanos());
            if (completed.isPresent()) {
                recovery = Math.max(0, (completed.getAsLong() - upAt) / 1_000_000);
            } else {
                notes.add("no order sent after the kill completed within " + options.recoveryWait().toSeconds() + " s");
            }
        }
        return new KillOutcome(step.round(), component, killed.pid(), at, (startedAt - killedAt) / 1_000_000,
                (upAt - startedAt) / 1_000_000, recovery, bound,
                KillOutcome.verdict(true, restarted.up(), recovery, bound), String.join("; ", notes));
    }

    private static OptionalLong awaitSuccess(Ledger ledger, long sentFrom, long deadline) throws InterruptedException {
        OptionalLong completed = ledger.firstSuccessOfOrderSentFrom(sentFrom);
        while (completed.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            completed = ledger.firstSuccessOfOrderSentFrom(sentFrom);
        }
        return completed;
    }

    private static void pause(long untilNanos) throws InterruptedException {
        long wait = untilNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static void awaitAnswers(Generator generator) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (generator.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static void awaitCompletion(Ledger ledger, long deadline) throws InterruptedException {
        while (ledger.completed() < ledger.placed() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /** Adds the run's orders the order service holds though their POST got no 201; returns what could not be read. */
    private List<String> addOrdersCreatedWithoutAnswer(String customerId, List<Ledger.Entry> orders) {
        Set<String> known = new HashSet<>();
        orders.forEach(order -> known.add(order.orderId));
        try {
            for (String orderId : api.orderIdsOf(customerId)) {
                if (!known.contains(orderId)) {
                    orders.add(api.placedOrder(orderId));
                }
            }
            return List.of();
        } catch (IOException e) {
            return List.of("could not list the run's orders: " + e.getMessage());
        }
    }

    private List<String> checkPayments(Instant startedAt, List<Ledger.Entry> orders) {
        Set<String> existing = new HashSet<>();
        orders.forEach(order -> existing.add(order.orderId));
        try {
            List<String> paymentOrders = postgres.paymentOrderIdsSince(startedAt);
            for (String orderId : paymentOrders) {
                // Payments of orders outside the run (another client of the same stack) are checked one by one.
                if (!existing.contains(orderId)
                        && !api.order(orderId, "", 0).status().equals(Invariants.MISSING)) {
                    existing.add(orderId);
                }
            }
            return Invariants.paymentsWithoutOrder(paymentOrders, existing);
        } catch (SQLException | IOException e) {
            return List.of("could not check that every payment belongs to an order: " + e.getMessage());
        }
    }

    private Map<String, Integer> registerProducts() throws IOException, InterruptedException {
        Map<String, Integer> products = new LinkedHashMap<>();
        for (int i = 1; i <= PRODUCTS; i++) {
            products.put(runId + "-" + i, PLENTY);
            api.registerProduct(runId + "-" + i, PLENTY);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!api.catalogueSkus().containsAll(products.keySet())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the order service's catalogue did not receive the run's products "
                        + "within 60 s: is the inventory service's relay running?");
            }
            Thread.sleep(200);
        }
        return products;
    }

    private static void progress(Ledger ledger, long start) {
        Map<String, Long> errors = ledger.errors();
        long refused = errors.entrySet().stream().filter(e -> e.getKey().startsWith("POST ")).mapToLong(Map.Entry::getValue).sum()
                + ledger.refusedCount();
        System.out.printf("  %5.0f s  accepted %6d  refused %5d  final %6d%n", (System.nanoTime() - start) / 1e9,
                ledger.placed(), refused, ledger.completed());
    }

    private ChaosResult result(Instant startedAt, Map<String, String> settings, boolean durable, List<KillOutcome> kills,
            List<String> skipped, Ledger ledger, long createdWithoutAnswer, Double finalAfter, List<String> broken,
            long start) {
        Map<String, Long> refused = new TreeMap<>(ledger.refused());
        Map<String, Long> cancelled = new TreeMap<>();
        Map<String, Long> other = new TreeMap<>();
        ledger.errors().forEach((kind, count) -> {
            if (kind.startsWith("POST ")) {
                refused.put(kind.substring(5), count);
            } else if (kind.startsWith("cancelled ")) {
                cancelled.put(kind.substring(10), count);
            } else {
                other.put(kind, count);
            }
        });
        long delivered = ledger.entries().stream().filter(e -> e.succeededNanos != 0).count();
        return new ChaosResult(runId, startedAt.toString(), options.describe(), options.seed(), settings, durable,
                List.copyOf(kills), List.copyOf(skipped), ledger.placed(), refused, createdWithoutAnswer, delivered,
                cancelled, other, finalAfter, options.grace().toSeconds(), List.copyOf(broken),
                Math.round((System.nanoTime() - start) / 1e8) / 10.0);
    }

    private void write(ChaosResult result) throws IOException {
        Path out = options.out() != null ? options.out() : Path.of("load-test-results", runId);
        Files.createDirectories(out);
        Files.writeString(out.resolve("result.json"),
                ConveyorApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        Files.writeString(out.resolve("report.html"), ChaosReport.render(result));
        System.out.println("report: " + out.resolve("report.html").toAbsolutePath());
    }

    private static void print(ChaosResult r) {
        System.out.println();
        System.out.println(r.settings());
        System.out.println("PostgreSQL: " + describe(r.postgresSettings()));
        System.out.println("kills (recovery: from the component being up again to the first order sent after the "
                + "kill reaching DELIVERED):");
        r.kills().forEach(k -> System.out.println("  " + k.line()));
        r.skipped().forEach(s -> System.out.println("  " + s + ": not done"));
        System.out.printf("orders: %d accepted (201), %d delivered, cancelled %s; refused POSTs %s; %d created "
                + "without a 201%n", r.accepted(), r.delivered(), r.cancelled(), r.refused(), r.createdWithoutAnswer());
        r.otherErrors().forEach((kind, count) -> System.out.println("  " + kind + ": " + count));
        System.out.println(r.finalAfterLastRestart() == null
                ? "orders final and invariants holding: NOT within " + (long) r.graceSeconds() + " s of the last restart"
                : "orders final and invariants holding " + r.finalAfterLastRestart() + " s after the last restart "
                        + "(bound " + (long) r.graceSeconds() + " s)");
        if (r.brokenInvariants().isEmpty()) {
            System.out.println("invariants: all hold (every 201 order exists and is final, stock conserved, payments "
                    + "belong to orders, at most one capture, no authorisation left on a final order, no dead letter)");
        } else {
            System.out.println("invariants: " + r.brokenInvariants().size() + " broken");
            Map<String, Long> stuck = StuckOrders.byStatus(r.brokenInvariants());
            if (!stuck.isEmpty()) {
                System.out.println("  orders not final, by status: " + stuck);
            }
            r.brokenInvariants().stream().limit(30).forEach(b -> System.out.println("  " + b));
        }
        System.out.println(r.passed() ? "chaos: PASSED" : "chaos: FAILED");
        r.failures().forEach(f -> System.out.println("  " + f));
    }

    private static String describe(Map<String, String> settings) {
        StringBuilder line = new StringBuilder();
        settings.forEach((name, value) -> line.append(line.isEmpty() ? "" : ", ").append(name).append('=').append(value));
        return line.toString();
    }
}

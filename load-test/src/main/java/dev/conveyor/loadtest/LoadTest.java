package dev.conveyor.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load test's entry point: registers the run's products, places orders while measuring them, then checks the
 * invariants and writes the report. Exits 1 when an invariant breaks, 2 on a usage error.
 */
public final class LoadTest {

    private static final int PLENTY = 1_000_000;

    private final Options options;

    private final ConveyorApi api;

    private final String runId = "lt" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyMMddHHmmss"))
            + Integer.toHexString((int) (Math.random() * 0xfff));

    private LoadTest(Options options) {
        this.options = options;
        this.api = new ConveyorApi(options);
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("chaos")) {
            Chaos.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load-test: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(Options.USAGE);
            return;
        }
        System.exit(new LoadTest(options).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        String startedAt = Instant.now().toString();
        System.out.println("load-test " + runId + ": " + options.describe());
        DatabaseDurability postgres = DatabaseDurability.read(options.postgresUrl(), options.postgresUser(),
                options.postgresPassword());
        System.out.println(postgres.line());
        Map<String, Integer> products = registerProducts();
        waitForCatalogue(products.keySet());
        String customerId = "load-test-" + runId;
        long start = System.nanoTime() + 200_000_000L;
        long measureFrom = start + options.warmup().toNanos();
        Ledger ledger = new Ledger(options.ship() ? "OrderDelivered" : "OrderConfirmed", measureFrom);
        ServiceMetrics metrics = new ServiceMetrics(api, options);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
                OrderEvents events = new OrderEvents(options.bootstrapServers(), customerId, ledger);
                ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
                // Its own thread: the progress line's HTTP calls may block the ticker for seconds on a busy machine.
                ScheduledExecutorService marks = Executors.newSingleThreadScheduledExecutor()) {
            events.start();
            Progress progress = new Progress(ledger, metrics, measureFrom);
            ticker.scheduleAtFixedRate(progress::tick, 1, 1, TimeUnit.SECONDS);
            AtomicReference<Map<String, ServiceMetrics.Timer>> before = new AtomicReference<>(metrics.timers());
            CpuWindow cpu = new CpuWindow(ledger);
            marks.schedule(() -> {
                cpu.start();
                before.set(metrics.timers());
            }, measureFrom - System.nanoTime(), TimeUnit.NANOSECONDS);
            Warehouse warehouse = options.ship() ? new Warehouse(api, ledger, executor, options.grace()) : null;
            Generator generator = new Generator(options, api, ledger, warehouse, List.copyOf(products.keySet()),
                    customerId, executor);
            generator.run(start, measureFrom);
            double measuredSeconds = Math.round((System.nanoTime() - measureFrom) / 1e8) / 10.0;
            long deadline = System.nanoTime() + options.grace().toNanos();
            awaitCompletion(ledger, deadline);
            StackCpu.Usage cpuUsage = cpu.end();
            ticker.shutdownNow();
            List<ServiceMetrics.Hop> hops = ServiceMetrics.hops(before.get(), metrics.timers());
            ledger.noteIncomplete();
            System.out.println("checking the invariants of " + ledger.placed() + " orders...");
            List<String> broken = new Verification(api, executor).check(options.ship(), ledger.entries(), products,
                    deadline);
            Result result = result(startedAt, postgres, cpuUsage, ledger, measuredSeconds, generator, metrics,
                    progress, hops, broken);
            write(result);
            print(result);
            return result.passed();
        }
    }

    private Map<String, Integer> registerProducts() throws IOException {
        Map<String, Integer> products = new LinkedHashMap<>();
        if (options.scarce()) {
            products.put(runId + "-scarce", options.scarceStock());
        } else {
            for (int i = 1; i <= options.products(); i++) {
                products.put(runId + "-" + i, PLENTY);
            }
        }
        for (Entry<String, Integer> product : products.entrySet()) {
            api.registerProduct(product.getKey(), product.getValue());
        }
        return products;
    }

    private void waitForCatalogue(java.util.Set<String> skus) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!api.catalogueSkus().containsAll(skus)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the order service's catalogue did not receive the run's products "
                        + "within 60 s: is the inventory service's relay running?");
            }
            Thread.sleep(200);
        }
    }

    private static void awaitCompletion(Ledger ledger, long deadline) throws InterruptedException {
        // Orders whose POST is still in flight are not in the ledger yet: give them a moment first.
        Thread.sleep(500);
        while (ledger.completed() < ledger.placed() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private Result result(String startedAt, DatabaseDurability postgres, StackCpu.Usage cpu, Ledger ledger,
            double measuredSeconds, Generator generator, ServiceMetrics metrics, Progress progress, List<ServiceMetrics.Hop> hops,
            List<String> broken) {
        Latencies latencies = ledger.latencies();
        long placed = ledger.measuredPlaced();
        long completed = ledger.measuredCompleted();
        int seconds = (int) Math.ceil(measuredSeconds);
        return new Result(runId, startedAt, options.describe(), options, postgres, cpu, measuredSeconds, placed,
                completed,
                perSecond(placed, measuredSeconds), perSecond(latencies.seconds(seconds).stream()
                    .mapToLong(Latencies.Second::completed).sum(), measuredSeconds),
                latencies.post(), latencies.confirmed(), latencies.terminal(), ledger.errors(), ledger.refused(),
                Math.round(generator.maxLagMs() * 10) / 10.0, metrics.maxPending(), progress.pendingBySecond(), hops,
                latencies.seconds(seconds), latencies.confirmedBuckets(40), broken);
    }

    private static double perSecond(long count, double seconds) {
        return seconds <= 0 ? 0 : Math.round(count / seconds * 10) / 10.0;
    }

    private void write(Result result) throws IOException {
        Path out = options.out() != null ? options.out() : Path.of("load-test-results", runId);
        Files.createDirectories(out);
        Files.writeString(out.resolve("result.json"),
                ConveyorApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        Files.writeString(out.resolve("report.html"), HtmlReport.render(result));
        System.out.println("report: " + out.resolve("report.html").toAbsolutePath());
    }

    private static void print(Result r) {
        System.out.println();
        System.out.println(r.workload());
        System.out.println(r.postgres().line());
        System.out.println(r.cpu().line());
        System.out.printf("placed     %d in %.1f s = %.1f/s; completed %.1f/s%n", r.placed(), r.measuredSeconds(),
                r.placedPerSecond(), r.completedPerSecond());
        System.out.println("POST               " + r.post().line());
        System.out.println("POST-to-CONFIRMED  " + r.confirmed().line());
        System.out.println("POST-to-final      " + r.terminal().line());
        System.out.println("generator lag max  " + r.generatorMaxLagMs() + " ms; outbox backlog max "
                + r.maxOutboxPending());
        System.out.println("refused: " + r.refusedCount() + " (503/429)"
                + (r.refused().isEmpty() ? "" : " " + r.refused()));
        r.errors().forEach((kind, count) -> System.out.println("error  " + kind + ": " + count));
        System.out.println("where the time goes (means over the run):");
        r.hops().forEach(h -> System.out.printf("  %-10s %-32s %7d x %8.1f ms%n", h.service(), h.step(), h.count(),
                h.meanMs()));
        if (r.passed()) {
            System.out.println("invariants: all hold");
        } else {
            System.out.println("invariants: " + r.brokenInvariants().size() + " broken");
            r.brokenInvariants().stream().limit(20).forEach(b -> System.out.println("  " + b));
        }
    }

    /**
     * The stack's CPU from the end of the warm-up until every order completed (or the grace period ended), over the
     * orders completed meanwhile: a system that falls behind still pays for its backlog inside the window.
     */
    private final class CpuWindow {

        private final Ledger ledger;

        private final StackCpu stack = options.localDir() != null ? new StackCpu(options.localDir(), Path.of("/proc"))
                : null;

        private volatile Map<String, Double> start;

        private volatile long startCompleted;

        private volatile long startNanos;

        CpuWindow(Ledger ledger) {
            this.ledger = ledger;
        }

        void start() {
            if (stack != null) {
                startNanos = System.nanoTime();
                startCompleted = ledger.completed();
                start = stack.sample();
            }
        }

        StackCpu.Usage end() {
            if (start == null) {
                return StackCpu.Usage.unknown();
            }
            Map<String, Double> end = stack.sample();
            double seconds = Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0;
            return StackCpu.usage(start, end, ledger.completed() - startCompleted, seconds);
        }
    }

    /** The once-a-second progress line, which also samples the outbox backlog for the report. */
    static final class Progress {

        private final Ledger ledger;

        private final ServiceMetrics metrics;

        private final long measureFrom;

        private final List<Integer> pending = new ArrayList<>();

        private long lastPlaced;

        private long lastCompleted;

        Progress(Ledger ledger, ServiceMetrics metrics, long measureFrom) {
            this.ledger = ledger;
            this.metrics = metrics;
            this.measureFrom = measureFrom;
        }

        void tick() {
            long placed = ledger.placed();
            long completed = ledger.completed();
            int backlog = metrics.pending();
            long elapsed = Math.floorDiv(System.nanoTime() - measureFrom, 1_000_000_000L);
            synchronized (pending) {
                if (elapsed >= 0) {
                    pending.add(Math.max(0, backlog));
                }
            }
            System.out.printf("%s %4ds  placed %6d (%4d/s)  completed %6d (%4d/s)  refused %6d  outbox pending %s%n",
                    elapsed < 0 ? "warm-up" : "measure", Math.abs(elapsed), placed, placed - lastPlaced, completed,
                    completed - lastCompleted, ledger.refusedCount(), backlog < 0 ? "?" : backlog);
            lastPlaced = placed;
            lastCompleted = completed;
        }

        List<Integer> pendingBySecond() {
            synchronized (pending) {
                return List.copyOf(pending);
            }
        }
    }
}

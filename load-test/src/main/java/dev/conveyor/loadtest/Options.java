package dev.conveyor.loadtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The settings of one run, parsed from the command line.
 *
 * @param rate        orders per second of the open model (orders are sent on schedule whatever the answers); 0 when
 *                    the closed model is used
 * @param concurrency clients of the closed model, each placing its next order once the previous one is complete; 0
 *                    when the open model is used
 * @param duration    how long to place orders after the warm-up; null when {@code orders} bounds the run
 * @param orders      how many orders to place after the warm-up; 0 when {@code duration} bounds the run
 * @param scarce      whether every order goes to one product with {@code scarceStock} units, to exercise rejections
 * @param declined    share of orders paid with the declining test card, between 0 and 1
 * @param grace       how long to wait after the last order for every order to complete, and for the invariants
 * @param postgresUrl where to read the durability settings of the system's PostgreSQL from (any of its databases)
 * @param localDir    the local stack's directory, to read its processes' CPU time from /proc; null when unknown
 */
record Options(int rate, int concurrency, Duration duration, long orders, Duration warmup, int products,
        boolean scarce, int scarceStock, double declined, boolean ship, Duration grace, Path out, String orderUrl,
        String inventoryUrl, String paymentUrl, String shippingUrl, String bootstrapServers, String postgresUrl,
        String postgresUser, @JsonIgnore String postgresPassword, Path localDir, boolean help) {

    static final String USAGE = """
            Usage: load-test [OPTIONS]
            Load model (one of):
              --rate N               open model: N orders/s on a fixed schedule (default 50)
              --concurrency N        closed model: N clients, each waiting for its order to complete
                                     (a refused client waits its Retry-After)
            Overload: run the open model at twice the sustained rate (--rate 2N); the system answers the excess
            with 503 (or 429) and Retry-After, counted as "refused: N (503/429)", not as errors, while
            completed/s should stay near the sustained rate.
            Length (one of):
              --duration D           measured time, e.g. 60s, 2m, 500ms (default 60s)
              --orders N             measured order count
              --warmup D             orders placed before measuring, not in the figures (default 10s)
            Workload:
              --products N           products registered for the run (default 10)
              --scarce               every order asks for one product with little stock (rejections)
              --scarce-stock N       that product's stock (default 20)
              --declined F           share of orders paid with the declining card, 0..1 (default 0)
              --ship                 dispatch and deliver every confirmed order through the shipping API
              --grace D              wait for completion and consistent invariants after the run (default 30s)
            Output and targets:
              --out DIR              where result.json and report.html go (default load-test-results/<run id>)
              --order-url URL        default http://localhost:8081
              --inventory-url URL    default http://localhost:8082
              --payment-url URL      default http://localhost:8083
              --shipping-url URL     default http://localhost:8084
              --bootstrap-servers S  default localhost:9092
              --postgres-url URL     the system's PostgreSQL, to report its durability settings (fsync,
                                     synchronous_commit, full_page_writes); "unknown" if it cannot be read
                                     (default jdbc:postgresql://localhost:5432/orders)
              --postgres-user U      default order_service
              --postgres-password P  default order_service
              --local-dir DIR        the local stack's directory: CPU per order is read from its processes
                                     (set by ./conveyor load-test, with the stack's URLs and ports)
              --help
            Exit status: 0 when every invariant holds, 1 when one breaks, 2 on a usage error.
            """;

    boolean openModel() {
        return concurrency == 0;
    }

    static Options parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> flags = List.of("--scarce", "--ship", "--help");
        List<String> known = List.of("--rate", "--concurrency", "--duration", "--orders", "--warmup", "--products",
                "--scarce-stock", "--declined", "--grace", "--out", "--order-url", "--inventory-url", "--payment-url",
                "--shipping-url", "--bootstrap-servers", "--postgres-url", "--postgres-user", "--postgres-password", "--local-dir");
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (flags.contains(arg)) {
                values.put(arg, "true");
            } else if (known.contains(name)) {
                if (arg.contains("=")) {
                    values.put(name, arg.substring(arg.indexOf('=') + 1));
                } else if (i + 1 < args.length) {
                    values.put(name, args[++i]);
                } else {
                    throw new IllegalArgumentException(name + " needs a value");
                }
            } else {
                positional.add(arg);
            }
        }
        if (!positional.isEmpty()) {
            throw new IllegalArgumentException("unknown argument " + positional.getFirst());
        }
        return from(values);
    }

    private static Options from(Map<String, String> v) {
        if (v.containsKey("--rate") && v.containsKey("--concurrency")) {
            throw new IllegalArgumentException("--rate and --concurrency exclude each other");
        }
        if (v.containsKey("--duration") && v.containsKey("--orders")) {
            throw new IllegalArgumentException("--duration and --orders exclude each other");
        }
        int concurrency = positive(v, "--concurrency", 0);
        int rate = concurrency > 0 ? 0 : positive(v, "--rate", 50);
        long orders = positive(v, "--orders", 0);
        Duration duration = orders > 0 ? null : duration(v.getOrDefault("--duration", "60s"));
        double declined = Double.parseDouble(v.getOrDefault("--declined", "0"));
        if (declined < 0 || declined > 1) {
            throw new IllegalArgumentException("--declined must be between 0 and 1");
        }
        return new Options(rate, concurrency, duration, orders, duration(v.getOrDefault("--warmup", "10s")),
                positive(v, "--products", 10), v.containsKey("--scarce"), positive(v, "--scarce-stock", 20), declined,
                v.containsKey("--ship"), duration(v.getOrDefault("--grace", "30s")),
                v.containsKey("--out") ? Path.of(v.get("--out")) : null,
                v.getOrDefault("--order-url", "http://localhost:8081"),
                v.getOrDefault("--inventory-url", "http://localhost:8082"),
                v.getOrDefault("--payment-url", "http://localhost:8083"),
                v.getOrDefault("--shipping-url", "http://localhost:8084"),
                v.getOrDefault("--bootstrap-servers", "localhost:9092"),
                v.getOrDefault("--postgres-url", "jdbc:postgresql://localhost:5432/orders"),
                v.getOrDefault("--postgres-user", "order_service"),
                v.getOrDefault("--postgres-password", "order_service"),
                v.containsKey("--local-dir") ? Path.of(v.get("--local-dir")) : null, v.containsKey("--help"));
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

    /** Reads {@code 60s}, {@code 2m}, {@code 500ms}, {@code 1h}; a bare number is seconds. */
    static Duration duration(String text) {
        var matcher = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 60s, 2m, 500ms)");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** A one-line description for the report. */
    String describe() {
        String model = openModel() ? "open model, " + rate + " orders/s" : "closed model, " + concurrency + " clients";
        String length = duration != null ? duration.toSeconds() + " s" : orders + " orders";
        return model + ", " + length + " after " + warmup.toSeconds() + " s warm-up"
                + (scarce ? ", scarce product (" + scarceStock + " units)" : "")
                + (declined > 0 ? ", " + Math.round(declined * 100) + "% declined cards" : "") + (ship ? ", shipped" : "");
    }
}

package dev.conveyor.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CPU time the local stack's processes spent, read from {@code /proc}: PostgreSQL (its postmaster, every server
 * process under it, and the exited ones it reaped), Kafka, the four services and the load test itself. On two cores
 * shared by all of them, CPU per completed order is the figure that says what an order costs, whatever else runs.
 */
final class StackCpu {

    static final List<String> COMPONENTS = List.of("postgres", "kafka", "order-service", "inventory-service",
            "payment-service", "shipping-service");

    static final String LOAD_TEST = "load-test";

    /** Linux reports times in USER_HZ ticks, 100 a second on every architecture it runs on. */
    private static final double MS_PER_TICK = 10.0;

    private final Path localDir;

    private final Path proc;

    /**
     * @param localDir the local stack's directory (run/COMPONENT.pid, data/postgres/postmaster.pid)
     * @param proc     where the process information is, {@code /proc}
     */
    StackCpu(Path localDir, Path proc) {
        this.localDir = localDir;
        this.proc = proc;
    }

    /** CPU milliseconds by component so far, the load test's own last; a component that is not found is missing. */
    Map<String, Double> sample() {
        Map<String, Double> millis = new LinkedHashMap<>();
        for (String component : COMPONENTS) {
            Optional<Long> pid = component.equals("postgres")
                    ? readPid(localDir.resolve("data/postgres/postmaster.pid"))
                    : readPid(localDir.resolve("run/" + component + ".pid"));
            pid.flatMap(p -> component.equals("postgres") ? postgresTicks(p) : ticks(p, false))
                .ifPresent(ticks -> millis.put(component, ticks * MS_PER_TICK));
        }
        ticks(ProcessHandle.current().pid(), false).ifPresent(ticks -> millis.put(LOAD_TEST, ticks * MS_PER_TICK));
        return millis;
    }

    /** The CPU per completed order between two samples, by component and in total. */
    static Usage usage(Map<String, Double> before, Map<String, Double> after, long completedOrders, double seconds) {
        if (after.isEmpty()) {
            return Usage.unknown();
        }
        Map<String, Double> perOrder = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> end : after.entrySet()) {
            Double start = before.get(end.getKey());
            if (start == null || completedOrders == 0) {
                continue;
            }
            // A restarted process counts from zero again: its spent time is then unknown, not negative.
            double spent = Math.max(0, end.getValue() - start);
            perOrder.put(end.getKey(), round(spent / completedOrders));
            total += spent;
        }
        boolean complete = perOrder.keySet().containsAll(COMPONENTS);
        return new Usage(completedOrders == 0 ? 0 : round(total / completedOrders), perOrder, completedOrders, seconds,
                complete);
    }

    /**
     * CPU of the stack's processes during the measured window.
     *
     * @param perOrderMs      CPU milliseconds per completed order, summed over the processes found
     * @param byProcessMs     the same by component (postgres, kafka, the services, load-test)
     * @param completedOrders orders completed (of any run phase) during the window
     * @param seconds         the window's length
     * @param complete        whether every component of the stack was found; a partial sum understates the cost
     */
    record Usage(double perOrderMs, Map<String, Double> byProcessMs, long completedOrders, double seconds,
            boolean complete) {

        static Usage unknown() {
            return new Usage(0, Map.of(), 0, 0, false);
        }

        /** One line for the console and the report. */
        String line() {
            if (byProcessMs.isEmpty() && seconds > 0) {
                return "CPU per order unknown: no order completed in the " + seconds + " s measured";
            }
            if (byProcessMs.isEmpty()) {
                return "CPU per order unknown: no local stack processes found (run through ./conveyor load-test "
                        + "against the local stack, or pass --local-dir)";
            }
            StringBuilder line = new StringBuilder("CPU per order %.1f ms (".formatted(perOrderMs));
            byProcessMs.forEach((component, ms) -> line.append(component).append(' ').append("%.1f".formatted(ms))
                .append(", "));
            line.setLength(line.length() - 2);
            return line.append(") over ").append(completedOrders).append(" orders completed in ").append(seconds)
                .append(" s").append(complete ? "" : "; NOT every component was found, the sum is partial").toString();
        }
    }

    private Optional<Long> postgresTicks(long postmaster) {
        // The postmaster's own time and its reaped children's (cutime, cstime), plus every live server process.
        Optional<Long> own = ticks(postmaster, true);
        if (own.isEmpty()) {
            return own;
        }
        long sum = own.get();
        for (ProcessHandle child : ProcessHandle.of(postmaster).map(p -> p.children().toList()).orElse(List.of())) {
            sum += ticks(child.pid(), false).orElse(0L);
        }
        return Optional.of(sum);
    }

    /** utime + stime of a process (fields 14 and 15 of its stat), plus its reaped children's when asked. */
    Optional<Long> ticks(long pid, boolean withReapedChildren) {
        String stat;
        try {
            stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
        } catch (IOException e) {
            return Optional.empty();
        }
        // The command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (withReapedChildren) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return Optional.of(ticks);
    }

    private static Optional<Long> readPid(Path file) {
        try {
            String first = Files.readAllLines(file).stream().findFirst().orElse("").trim();
            return first.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}

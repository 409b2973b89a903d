package dev.conveyor.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Explains orders a run left unfinished, so that a failed run in CI says why without its stack: for each (a few at
 * most) the last lines of every service log that mention it. At DEBUG ({@code LOGGING_LEVEL_DEV_CONVEYOR=debug}, as
 * {@code ./conveyor test} runs its chaos stack) the services log each message handled and each saga step with the
 * order id, so those lines show where its saga stopped; at the default level only warnings and errors show.
 */
final class StuckOrders {

    private static final Pattern STUCK = Pattern.compile("^order (\\S+) is (\\w+), expected");

    private static final int ORDERS = 3;

    private static final int LINES_PER_LOG = 12;

    private static final int LINE_LENGTH = 300;

    private StuckOrders() {
    }

    /** The ids of the orders the broken invariants name as not final, in their order. */
    static List<String> named(List<String> brokenInvariants) {
        return brokenInvariants.stream()
            .map(STUCK::matcher)
            .filter(Matcher::find)
            .map(matcher -> matcher.group(1))
            .toList();
    }

    /** How many orders the broken invariants name as not final, by the status they were left in. */
    static Map<String, Long> byStatus(List<String> brokenInvariants) {
        Map<String, Long> stuck = new TreeMap<>();
        brokenInvariants.stream().map(STUCK::matcher).filter(Matcher::find)
            .forEach(matcher -> stuck.merge(matcher.group(2), 1L, Long::sum));
        return stuck;
    }

    /** The report on the first few of these orders: what the service logs under the directory say of each. */
    static List<String> explain(List<String> orderIds, Path logDirectory) {
        List<String> report = new ArrayList<>();
        if (orderIds.isEmpty() || logDirectory == null || !Files.isDirectory(logDirectory)) {
            return report;
        }
        List<Path> logs;
        try (Stream<Path> files = Files.list(logDirectory)) {
            logs = files.filter(file -> file.getFileName().toString().endsWith("-service.log")).sorted().toList();
        } catch (IOException e) {
            report.add("(cannot list " + logDirectory + ": " + e.getMessage() + ")");
            return report;
        }
        for (String orderId : orderIds.stream().limit(ORDERS).toList()) {
            report.add("what the services logged about order " + orderId + " (at most the last " + LINES_PER_LOG
                    + " lines of each log; every step with LOGGING_LEVEL_DEV_CONVEYOR=debug):");
            for (Path log : logs) {
                lastLinesMentioning(log, orderId).forEach(line -> report.add("  " + log.getFileName() + ": "
                        + shortened(line)));
            }
        }
        return report;
    }

    private static Deque<String> lastLinesMentioning(Path log, String orderId) {
        Deque<String> last = new ArrayDeque<>();
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            lines.filter(line -> line.contains(orderId)).forEach(line -> {
                if (last.size() == LINES_PER_LOG) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            last.add("(cannot read: " + e.getMessage() + ")");
        }
        return last;
    }

    private static String shortened(String line) {
        return line.length() <= LINE_LENGTH ? line : line.substring(0, LINE_LENGTH) + "...";
    }
}

package dev.conveyor.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StackCpuTest {

    @TempDir
    Path dir;

    @Test
    void readsUserAndSystemTimeOfEveryComponentAndThePostmastersReapedChildren() throws IOException {
        Path local = dir.resolve("local");
        Path proc = dir.resolve("proc");
        write(local.resolve("data/postgres/postmaster.pid"), "999000001\n/data/postgres\n");
        stat(proc, 999000001, "postgres", 100, 20, 300, 40);
        write(local.resolve("run/kafka.pid"), "999000002\n");
        // A command name may hold spaces and parentheses: the fields are counted after the last one.
        stat(proc, 999000002, "java (kafka) x", 50, 5, 7, 7);
        write(local.resolve("run/order-service.pid"), "999000003\n");

        Map<String, Double> sample = new StackCpu(local, proc).sample();

        assertThat(sample).containsEntry("postgres", 4600.0).containsEntry("kafka", 550.0)
            .doesNotContainKey("order-service");
    }

    @Test
    void dividesTheTimeSpentByTheOrdersCompleted() {
        StackCpu.Usage usage = StackCpu.usage(Map.of("postgres", 1000.0, "kafka", 500.0),
                Map.of("postgres", 1900.0, "kafka", 800.0, "order-service", 50.0), 100, 10.0);

        assertThat(usage.perOrderMs()).isEqualTo(12.0);
        assertThat(usage.byProcessMs()).containsOnly(Map.entry("postgres", 9.0), Map.entry("kafka", 3.0));
        assertThat(usage.complete()).isFalse();
        assertThat(usage.line()).startsWith("CPU per order 12.0 ms (").contains("postgres 9.0", "kafka 3.0",
                "over 100 orders completed in 10.0 s", "NOT every component was found");
    }

    @Test
    void saysSoWhenNoStackWasFoundOrNoOrderCompleted() {
        assertThat(StackCpu.usage(Map.of(), Map.of(), 10, 5.0).line())
            .startsWith("CPU per order unknown: no local stack processes found");
        assertThat(StackCpu.usage(Map.of("kafka", 1.0), Map.of("kafka", 2.0), 0, 5.0).line())
            .isEqualTo("CPU per order unknown: no order completed in the 5.0 s measured");
    }

    private static void stat(Path proc, long pid, String command, long utime, long stime, long cutime, long cstime)
            throws IOException {
        write(proc.resolve(pid + "/stat"), pid + " (" + command + ") S 1 1 1 0 -1 4194304 100 0 0 0 " + utime + " "
                + stime + " " + cutime + " " + cstime + " 20 0 1 0 100 1000 100 18446744073709551615\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}

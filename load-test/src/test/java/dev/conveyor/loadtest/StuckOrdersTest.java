package dev.conveyor.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StuckOrdersTest {

    @Test
    void findsTheOrdersTheInvariantsNameAsNotFinal() {
        List<String> broken = List.of("orders not final, by status: {SHIPPED=1}",
                "order 867c6832-bce3-48f2-b897-f2e613976f31 is SHIPPED, expected DELIVERED or CANCELLED",
                "stock of sku-1 not conserved: 3 on hand",
                "order f001865d-2148-452f-b2d8-06c95c210c17 is MISSING, expected DELIVERED or CANCELLED");

        assertThat(StuckOrders.named(broken)).containsExactly("867c6832-bce3-48f2-b897-f2e613976f31",
                "f001865d-2148-452f-b2d8-06c95c210c17");
        assertThat(StuckOrders.byStatus(broken)).containsExactly(Map.entry("MISSING", 1L),
                Map.entry("SHIPPED", 1L));
    }

    @Test
    void reportsTheLastLinesOfEachServiceLogThatMentionTheOrder(@TempDir Path logs) throws IOException {
        String order = "867c6832-bce3-48f2-b897-f2e613976f31";
        Files.write(logs.resolve("order-service.log"), IntStream.rangeClosed(1, 20)
            .mapToObj(i -> "line " + i + (i % 2 == 0 ? " Order " + order + ": step " + i : " other order"))
            .toList());
        Files.write(logs.resolve("shipping-service.log"), List.of("Order " + order + ": shipment delivered"));
        Files.write(logs.resolve("postgres.log"), List.of("statement about " + order));

        List<String> report = StuckOrders.explain(List.of(order), logs);

        assertThat(report.getFirst()).contains(order);
        assertThat(report).filteredOn(line -> line.startsWith("  order-service.log")).hasSize(10)
            .last().asString().endsWith("step 20");
        assertThat(report).filteredOn(line -> line.startsWith("  order-service.log")).first().asString()
            .endsWith("step 2");
        assertThat(report).anyMatch(line -> line.equals("  shipping-service.log: Order " + order + ": shipment delivered"));
        assertThat(report).noneMatch(line -> line.contains("postgres.log") || line.contains("other order"));
    }

    @Test
    void saysNothingWithoutLogs(@TempDir Path empty) {
        assertThat(StuckOrders.explain(List.of("867c6832-bce3-48f2-b897-f2e613976f31"), empty.resolve("missing")))
            .isEmpty();
    }
}

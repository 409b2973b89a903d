package dev.conveyor.loadtest;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void defaultsToFiftyOrdersASecondForAMinuteOnTheLocalStack() {
        Options options = Options.parse();

        assertThat(options.openModel()).isTrue();
        assertThat(options.rate()).isEqualTo(50);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.orderUrl()).isEqualTo("http://localhost:8081");
        assertThat(options.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(options.postgresUrl()).isEqualTo("jdbc:postgresql://localhost:5432/orders");
        assertThat(options.postgresUser()).isEqualTo("order_service");
        assertThat(options.postgresPassword()).isEqualTo("order_service");
    }

    @Test
    void readsTheClosedModelAndAnOrderCount() {
        Options options = Options.parse("--concurrency", "8", "--orders=500", "--ship", "--scarce", "--scarce-stock",
                "5", "--out", "/tmp/x", "--declined", "0.25");

        assertThat(options.openModel()).isFalse();
        assertThat(options.concurrency()).isEqualTo(8);
        assertThat(options.orders()).isEqualTo(500);
        assertThat(options.duration()).isNull();
        assertThat(options.ship()).isTrue();
        assertThat(options.scarce()).isTrue();
        assertThat(options.scarceStock()).isEqualTo(5);
        assertThat(options.out()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.declined()).isEqualTo(0.25);
        assertThat(options.describe()).contains("closed model, 8 clients", "500 orders", "scarce", "25% declined",
                "shipped");
    }

    @Test
    void readsDurationsWithUnits() {
        assertThat(Options.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Options.duration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Options.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Options.duration("1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void rejectsContradictoryOrMalformedArguments() {
        assertThatThrownBy(() -> Options.parse("--rate", "10", "--concurrency", "2"))
            .hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> Options.parse("--duration", "10s", "--orders", "2"))
            .hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> Options.parse("--rate", "fast")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Options.parse("--rate", "0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> Options.parse("--duration", "soon")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Options.parse("--rate")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse("--bogus")).hasMessageContaining("unknown argument --bogus");
        assertThatThrownBy(() -> Options.parse("--declined", "2")).hasMessageContaining("between 0 and 1");
    }
}

package dev.conveyor.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the contract's files (schemas, their released baseline, compiled records) from the test classpath. */
final class ContractResources {

    static final String SCHEMAS = "schemas";
    static final String BASELINE = "schema-baseline";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ContractResources() {
    }

    static JsonNode readJson(String resource) {
        try (InputStream in = open(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream open(String resource) {
        return Objects.requireNonNull(ContractResources.class.getClassLoader().getResourceAsStream(resource),
                () -> "no classpath resource " + resource);
    }

    static boolean exists(String resource) {
        return ContractResources.class.getClassLoader().getResource(resource) != null;
    }

    /** The names of the files in a classpath directory, sorted. */
    static List<String> fileNames(String directory) {
        URL url = Objects.requireNonNull(ContractResources.class.getClassLoader().getResource(directory),
                () -> "no classpath directory " + directory);
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every top-level class compiled from {@code src/main/java} under {@code dev.conveyor.events}. */
    static List<Class<?>> contractClasses() {
        try {
            Path root = Path.of(Message.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<Path> files = Files.walk(root.resolve("dev/conveyor/events"))) {
                return files.map(file -> root.relativize(file).toString())
                        .filter(name -> name.endsWith(".class") && !name.contains("$"))
                        .filter(name -> !name.endsWith("package-info.class"))
                        .map(name -> name.substring(0, name.length() - ".class".length()))
                        .map(name -> name.replace('\\', '.').replace('/', '.'))
                        .sorted()
                        .<Class<?>>map(ContractResources::load)
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean hasComponent(Class<?> recordType, String name) {
        return Arrays.stream(recordType.getRecordComponents()).anyMatch(component -> component.getName().equals(name));
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}

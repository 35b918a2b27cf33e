package io.chronoflow.engine.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Where the models deployed at start come from: the configured folder, else {@code ./bpmn} in the working directory,
 * else the models packaged in the jar. Only {@code *.bpmn} and {@code *.dmn} directly in the folder count.
 *
 * @param description a human-readable origin, for the log.
 * @param resources the model files, sorted by name.
 */
public record ModelSource(String description, List<Resource> resources) {

    static final String DEFAULT_DIR = "bpmn";
    static final String CLASSPATH_PATTERN = "classpath*:bpmn/*.%s";
    private static final List<String> EXTENSIONS = List.of("bpmn", "dmn");

    public static ModelSource resolve(Path configuredDir, Path workingDir) {
        if (configuredDir != null) {
            if (!Files.isDirectory(configuredDir)) {
                throw new IllegalStateException(
                        "chronoflow.bpmn-dir (CHRONOFLOW_BPMN_DIR) is not a folder: " + configuredDir.toAbsolutePath());
            }
            return fromDirectory(configuredDir);
        }
        Path local = workingDir.resolve(DEFAULT_DIR);
        if (Files.isDirectory(local)) {
            return fromDirectory(local);
        }
        return fromClasspath();
    }

    private static ModelSource fromDirectory(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Resource> resources = files.filter(Files::isRegularFile)
                    .filter(f -> EXTENSIONS.stream()
                            .anyMatch(ext -> f.getFileName().toString().endsWith("." + ext)))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                    .map(f -> (Resource) new FileSystemResource(f))
                    .toList();
            return new ModelSource("folder " + dir.toAbsolutePath().normalize(), resources);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the models in " + dir, e);
        }
    }

    private static ModelSource fromClasspath() {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        List<Resource> resources = new ArrayList<>();
        try {
            for (String ext : EXTENSIONS) {
                resources.addAll(List.of(resolver.getResources(CLASSPATH_PATTERN.formatted(ext))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the packaged models", e);
        }
        resources.sort(Comparator.comparing(Resource::getFilename));
        return new ModelSource("packaged models", List.copyOf(resources));
    }
}

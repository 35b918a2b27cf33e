package io.chronoflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The benchmark harness: {@code java -jar bench/target/chronoflow-bench.jar
 * --scenario all|drain|steady|idle|dispatch|sharded|items|memory [--quick]}. Measures Chronoflow (engine nodes and workers as
 * real processes from the built jars), the same engine with Camunda's default job acquisition, vanilla Camunda with its
 * official external-task client (drain only), db-scheduler, Quartz and a raw-SQL queue on the same PostgreSQL, each on
 * a database of its own; writes {@code results.json}, {@code results.md} and PNG charts to the work directory. See
 * docs/benchmarks.md and {@link Run}.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws IOException {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options options;
        try {
            options = Options.parse(args);
            requireJars(options);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Progress progress = new Progress();
        options = copyJars(options);
        Results results = new Results(options.quick(), options.repeat());
        Options run = options;
        Once writeResults = new Once(() -> write(run, results, progress));
        // Interrupted (Ctrl-C, SIGTERM), a run of hours still leaves what it measured so far.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (writeResults.pending()) {
                                progress.say("interrupted: writing what was measured until now");
                            }
                            writeResults.run();
                        },
                        "bench-results"));
        try (Lineup lineup = new Lineup(progress)) {
            new Run(options, progress, results, lineup).all();
        } finally {
            writeResults.run();
        }
    }

    private static void requireJars(Options options) {
        boolean engines = options.includes(SystemId.CHRONOFLOW) || options.includes(SystemId.DEFAULTS);
        if (engines && !Files.isRegularFile(options.engineJar())) {
            throw new IllegalArgumentException(
                    "no engine jar at " + options.engineJar() + "; build first: ./mvnw -DskipTests package");
        }
        boolean workers = options.runs("drain") || FleetScenarios.needed(options);
        if (workers && options.includes(SystemId.CHRONOFLOW) && !Files.isRegularFile(options.workerJar())) {
            throw new IllegalArgumentException(
                    "no worker jar at " + options.workerJar() + "; build first: ./mvnw -DskipTests package");
        }
        if (options.includesVanillaCamunda()
                && options.runs("drain")
                && !Files.isRegularFile(options.camundaPeerJar())) {
            throw new IllegalArgumentException(
                    "no Camunda peer jar at " + options.camundaPeerJar() + "; build first: ./mvnw -DskipTests package");
        }
    }

    /**
     * Copies the engine, worker and Camunda peer jars into the work directory and returns options that point at the
     * copies.
     */
    private static Options copyJars(Options options) throws IOException {
        Path jars = Files.createDirectories(options.workDir().resolve("jars"));
        return options.withJars(
                copy(options.engineJar(), jars), copy(options.workerJar(), jars), copy(options.camundaPeerJar(), jars));
    }

    private static Path copy(Path jar, Path dir) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return jar;
        }
        return Files.copy(jar, dir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void write(Options options, Results results, Progress progress) {
        try {
            writeFiles(options, results, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the results to " + options.workDir() + " failed", e);
        }
    }

    private static void writeFiles(Options options, Results results, Progress progress) throws IOException {
        Path dir = Files.createDirectories(options.workDir());
        results.finish();
        String report = Report.markdown(results);
        Files.writeString(dir.resolve("results.md"), report);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("results.json").toFile(), results);
        List<Path> charts = Charts.write(results, dir);
        System.out.println(report);
        progress.say("results written to %s (results.md, results.json, %d charts)", dir, charts.size());
    }
}

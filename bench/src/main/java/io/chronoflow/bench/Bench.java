package io.chronoflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark harness: {@code java -jar bench/target/chronoflow-bench.jar --scenario all|steady|idle [--quick]}.
 * Starts each system under test (two engine nodes from the built jar, one PostgreSQL database each), runs the
 * scenarios, prints a Markdown table and writes it to {@code <work-dir>/results.md}. See docs/benchmarks.md.
 */
public final class Bench {

    static final int NODES = 2;
    static final int[] STEADY_RATES = {10, 100};
    static final int IDLE_FIRES = 3;

    private Bench() {}

    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (!Files.isRegularFile(options.engineJar())) {
            System.err.println("no engine jar at " + options.engineJar() + "; build first: ./mvnw -DskipTests package");
            System.exit(2);
        }
        Progress progress = new Progress();
        List<TimerLagScenario.Result> results = run(options, progress);
        String report = Report.markdown(options, results);
        Files.createDirectories(options.workDir());
        Path file = options.workDir().resolve("results.md");
        Files.writeString(file, report);
        System.out.println(report);
        progress.say("results written to %s", file);
    }

    private static List<TimerLagScenario.Result> run(Options options, Progress progress) {
        TimerLagScenario timers = new TimerLagScenario(progress);
        List<TimerLagScenario.Result> results = new ArrayList<>();
        List<EngineCluster> clusters = new ArrayList<>();
        try {
            for (Variant variant : Variant.values()) {
                EngineCluster cluster = EngineCluster.start(variant, options, NODES, progress);
                clusters.add(cluster);
                cluster.deploy(TimerLagScenario.MODEL);
            }
            if (options.scenarios().contains("steady")) {
                for (int rate : STEADY_RATES) {
                    for (EngineCluster cluster : clusters) {
                        results.add(timers.steady(cluster, rate, options.steadyWindow()));
                    }
                }
            }
            if (options.scenarios().contains("idle")) {
                results.addAll(timers.idle(clusters, options.idlePeriod(), IDLE_FIRES));
            }
        } finally {
            progress.say("stopping the engines at %s", Instant.now());
            clusters.forEach(EngineCluster::close);
        }
        return results;
    }
}

package io.chronoflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The benchmark harness: {@code java -jar bench/target/chronoflow-bench.jar --scenario all|drain|steady|idle [--quick]}.
 * Measures Chronoflow (engine nodes and workers as real processes from the built jars), the same engine with Camunda's
 * default job acquisition, db-scheduler, Quartz and a raw-SQL queue on the same PostgreSQL, each on a database of its
 * own; writes {@code results.json}, {@code results.md} and PNG charts to the work directory. See docs/benchmarks.md.
 */
public final class Bench {

    static final int NODES = 2;
    static final int IDLE_FIRES = 3;
    static final Duration IDLE_SPACING = Duration.ofMillis(17_300);
    /** Runs each background step on a thread of its own (the common pool has one thread on a 2-core machine). */
    private static final Executor OWN_THREAD = step -> new Thread(step, "bench-step").start();

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
        try (Lineup lineup = new Lineup(progress)) {
            new Bench.Run(options, progress, results, lineup).all();
        } finally {
            write(options, results, progress);
        }
    }

    private static void requireJars(Options options) {
        boolean engines = options.includes(SystemId.CHRONOFLOW) || options.includes(SystemId.DEFAULTS);
        if (engines && !Files.isRegularFile(options.engineJar())) {
            throw new IllegalArgumentException(
                    "no engine jar at " + options.engineJar() + "; build first: ./mvnw -DskipTests package");
        }
        if (options.runs("drain")
                && options.includes(SystemId.CHRONOFLOW)
                && !Files.isRegularFile(options.workerJar())) {
            throw new IllegalArgumentException(
                    "no worker jar at " + options.workerJar() + "; build first: ./mvnw -DskipTests package");
        }
    }

    /** Copies the engine and worker jars into the work directory and returns options that point at the copies. */
    private static Options copyJars(Options options) throws IOException {
        Path jars = Files.createDirectories(options.workDir().resolve("jars"));
        return options.withJars(copy(options.engineJar(), jars), copy(options.workerJar(), jars));
    }

    private static Path copy(Path jar, Path dir) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return jar;
        }
        return Files.copy(jar, dir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void write(Options options, Results results, Progress progress) throws IOException {
        Path dir = Files.createDirectories(options.workDir());
        String report = Report.markdown(results);
        Files.writeString(dir.resolve("results.md"), report);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("results.json").toFile(), results);
        List<Path> charts = Charts.write(results, dir);
        System.out.println(report);
        progress.say("results written to %s (results.md, results.json, %d charts)", dir, charts.size());
    }

    /**
     * One run: starts what the chosen scenarios and systems need, runs the scenarios, stops everything. A full run
     * measures one thing at a time: drains, then steady rates, then the idle wait. A quick run lets the idle wait run
     * while the peers drain (on other databases, in other scheduler instances), which touches none of the idle systems.
     */
    private record Run(Options options, Progress progress, Results results, Lineup lineup) {

        void all() {
            boolean timers = options.runs("steady") || options.runs("idle");
            CompletableFuture<EngineCluster> chronoflowStart =
                    startIf(options.includes(SystemId.CHRONOFLOW), Variant.CHRONOFLOW);
            CompletableFuture<EngineCluster> defaultsStart =
                    startIf(options.includes(SystemId.DEFAULTS) && timers, Variant.CAMUNDA_DEFAULTS);
            EngineCluster chronoflow = chronoflowStart.join();
            EngineCluster defaults = defaultsStart.join();
            if (options.runs("drain")) {
                drain("chronoflow", chronoflowDrains(chronoflow));
            }
            if (options.quick() && options.runs("idle")) {
                idleWhilePeersDrain(chronoflow, defaults);
            } else {
                oneAtATime(chronoflow, defaults);
            }
        }

        private void oneAtATime(EngineCluster chronoflow, EngineCluster defaults) {
            if (options.runs("drain")) {
                drain("peers", peerDrains());
            }
            if (!options.runs("steady") && !options.runs("idle")) {
                return;
            }
            List<TimerTarget> timerTargets = timerTargets(chronoflow, defaults);
            TimerLagScenario lag = new TimerLagScenario(progress);
            if (options.runs("steady")) {
                steady(lag, timerTargets);
            }
            if (options.runs("idle")) {
                idle(lag, timerTargets).results().forEach(results::add);
            }
        }

        private void idleWhilePeersDrain(EngineCluster chronoflow, EngineCluster defaults) {
            List<TimerTarget> timerTargets = timerTargets(chronoflow, defaults);
            TimerLagScenario lag = new TimerLagScenario(progress);
            TimerLagScenario.Idle idle = idle(lag, timerTargets);
            if (options.runs("drain")) {
                drain("peers", peerDrains());
            }
            idle.results().forEach(results::add);
            if (options.runs("steady")) {
                steady(lag, timerTargets);
            }
        }

        /** Starts the engine nodes of a variant in the background (both variants boot at once, before any measuring). */
        private CompletableFuture<EngineCluster> startIf(boolean wanted, Variant variant) {
            if (!wanted) {
                return CompletableFuture.completedFuture(null);
            }
            return CompletableFuture.supplyAsync(
                    () -> {
                        EngineCluster cluster = lineup.add(EngineCluster.start(variant, options, NODES, progress));
                        cluster.deploy(EngineCluster.TIMER_MODEL);
                        cluster.deploy(ChronoflowDrain.MODEL);
                        return cluster;
                    },
                    OWN_THREAD);
        }

        private List<Supplier<DrainTarget>> chronoflowDrains(EngineCluster chronoflow) {
            if (chronoflow == null) {
                return List.of();
            }
            return ChronoflowDrain.Shape.ALL.stream()
                    .<Supplier<DrainTarget>>map(
                            shape -> () -> new ChronoflowDrain(chronoflow, shape, options, progress))
                    .toList();
        }

        private List<Supplier<DrainTarget>> peerDrains() {
            List<Supplier<DrainTarget>> targets = new ArrayList<>();
            if (options.includes(SystemId.RAW_SQL)) {
                targets.add(() -> new RawSqlQueue(options));
            }
            if (options.includes(SystemId.DB_SCHEDULER)) {
                targets.add(() -> DbSchedulerPeer.forDrain(options));
            }
            if (options.includes(SystemId.QUARTZ)) {
                targets.add(() -> QuartzPeer.forDrain(options));
            }
            return targets;
        }

        private void drain(String which, List<Supplier<DrainTarget>> targets) {
            DrainScenario drain = new DrainScenario(new DatabaseStats(options), progress);
            for (int rep = 1; rep <= options.repeat() && !targets.isEmpty(); rep++) {
                progress.say("drain, %s: repetition %d of %d", which, rep, options.repeat());
                for (Supplier<DrainTarget> supplier : targets) {
                    try (DrainTarget target = supplier.get()) {
                        int jobs = target.system().equals(SystemId.CHRONOFLOW)
                                ? options.chronoflowDrainJobs()
                                : options.peerDrainJobs();
                        results.add(target.label(), target.system(), drain.run(target, jobs));
                    }
                }
            }
        }

        private List<TimerTarget> timerTargets(EngineCluster chronoflow, EngineCluster defaults) {
            List<TimerTarget> targets = new ArrayList<>();
            if (options.includes(SystemId.DB_SCHEDULER)) {
                targets.add(lineup.add(DbSchedulerPeer.forTimers(options)));
            }
            if (options.includes(SystemId.QUARTZ)) {
                targets.add(lineup.add(QuartzPeer.forTimers(options)));
            }
            if (chronoflow != null) {
                targets.add(chronoflow);
            }
            if (defaults != null) {
                targets.add(defaults);
            }
            return targets;
        }

        private void steady(TimerLagScenario lag, List<TimerTarget> targets) {
            for (int rep = 1; rep <= options.repeat(); rep++) {
                progress.say("steady: repetition %d of %d", rep, options.repeat());
                for (int rate : options.steadyRates()) {
                    targets.forEach(t -> results.add(lag.steady(t, rate, options.steadyWindow())));
                }
            }
        }

        private TimerLagScenario.Idle idle(TimerLagScenario lag, List<TimerTarget> targets) {
            return lag.idle(targets, options.idlePeriod(), IDLE_FIRES, IDLE_SPACING);
        }
    }
}

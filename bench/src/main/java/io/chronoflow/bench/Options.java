package io.chronoflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The harness's command line: {@code --scenario all|drain|steady|idle|dispatch|sharded|items|memory}, {@code --quick}
 * (smaller loads, short windows and overlapping waits, for a smoke run of under 5 minutes), {@code --repeat N}, {@code --systems a,b}, {@code --engine-jar}, {@code --worker-jar},
 * {@code --db} (a PostgreSQL server URL; the harness creates its own databases there), {@code --redis}, {@code
 * --work-dir}, {@code --jobs N} (every drain's job count instead of the mode's), {@code --drain-history
 * full|activity|none} (the {@code chronoflow.history} of Chronoflow's drain job; default full, as shipped), {@code
 * --camunda-peer-jar} (vanilla Camunda and its official client, for the {@code camunda} and {@code camunda-tuned}
 * drains), {@code --drain-shapes 1,4,16,2x8} (which of Chronoflow's drain shapes a full run measures).
 */
record Options(
        Set<String> scenarios,
        boolean quick,
        int repeat,
        Set<String> systems,
        Path engineJar,
        Path workerJar,
        String dbServer,
        String dbUser,
        String redisUrl,
        Path workDir,
        Integer drainJobs,
        String drainHistory,
        Path camundaPeerJar,
        List<ChronoflowDrain.Shape> drainShapes) {

    /** The history levels a job may declare ({@code chronoflow.history}). */
    static final List<String> HISTORY_LEVELS = List.of("full", "activity", "none");

    /** The scenarios the harness runs, in the order a full run runs them. */
    static final List<String> SCENARIOS = List.of("drain", "steady", "idle", "dispatch", "sharded", "items", "memory");
    /** Every system the harness knows, in report order. */
    static final List<String> SYSTEMS = List.of(
            SystemId.RAW_SQL,
            SystemId.DB_SCHEDULER,
            SystemId.QUARTZ,
            SystemId.CHRONOFLOW,
            SystemId.DEFAULTS,
            SystemId.CAMUNDA,
            SystemId.CAMUNDA_TUNED);

    /** The vanilla-Camunda peers (bench/camunda-peer), which a quick run leaves out unless named. */
    static final Set<String> VANILLA_CAMUNDA = Set.of(SystemId.CAMUNDA, SystemId.CAMUNDA_TUNED);

    static Options parse(String... args) {
        String scenario = "all";
        boolean quick = false;
        Integer repeat = null;
        String systems = "all";
        Path engineJar = Path.of("engine/target/chronoflow-engine.jar");
        Path workerJar = Path.of("workers/app/target/chronoflow-worker.jar");
        String db = "jdbc:postgresql://127.0.0.1:5432/";
        String dbUser = "postgres";
        String redis = "redis://127.0.0.1:6379";
        Path workDir = Path.of("bench/target/run");
        Integer drainJobs = null;
        String drainHistory = "full";
        Path camundaPeerJar = Path.of("bench/camunda-peer/target/camunda-peer.jar");
        List<ChronoflowDrain.Shape> drainShapes = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "--scenario" -> scenario = value(args, ++i, arg);
                case "--repeat" -> repeat = positive(value(args, ++i, arg), arg);
                case "--systems" -> systems = value(args, ++i, arg);
                case "--engine-jar" -> engineJar = Path.of(value(args, ++i, arg));
                case "--worker-jar" -> workerJar = Path.of(value(args, ++i, arg));
                case "--db" -> db = value(args, ++i, arg);
                case "--db-user" -> dbUser = value(args, ++i, arg);
                case "--redis" -> redis = value(args, ++i, arg);
                case "--work-dir" -> workDir = Path.of(value(args, ++i, arg));
                case "--jobs" -> drainJobs = positive(value(args, ++i, arg), arg);
                case "--drain-history" -> drainHistory = oneOf(value(args, ++i, arg), HISTORY_LEVELS, arg);
                case "--camunda-peer-jar" -> camundaPeerJar = Path.of(value(args, ++i, arg));
                case "--drain-shapes" -> drainShapes = shapes(value(args, ++i, arg), arg);
                default -> throw new IllegalArgumentException("unknown option " + arg + "; " + usage());
            }
        }
        if (quick && drainShapes != null) {
            throw new IllegalArgumentException("--drain-shapes: a quick run drains in one shape only ("
                    + ChronoflowDrain.Shape.QUICK.label() + "); leave out --quick or --drain-shapes");
        }
        if (!db.endsWith("/")) {
            db = db + "/";
        }
        return new Options(
                scenarios(scenario),
                quick,
                repeat != null ? repeat : quick ? 1 : 3,
                systems(systems, quick),
                engineJar,
                workerJar,
                db,
                dbUser,
                redis,
                workDir,
                drainJobs,
                drainHistory,
                camundaPeerJar,
                drainShapes != null ? drainShapes : ChronoflowDrain.Shape.ALL);
    }

    static String usage() {
        return "usage: java -jar chronoflow-bench.jar [--scenario all|" + String.join("|", SCENARIOS)
                + "|a,b] [--quick] [--repeat N] [--systems all|" + String.join(",", SYSTEMS)
                + "] [--engine-jar PATH] [--worker-jar PATH] [--db jdbc:postgresql://HOST:PORT/] [--db-user USER]"
                + " [--redis redis://HOST:PORT] [--work-dir PATH] [--jobs N]"
                + " [--drain-history " + String.join("|", HISTORY_LEVELS) + "] [--camunda-peer-jar PATH]"
                + " [--drain-shapes 1,4,16,2x8]";
    }

    /** The same options with other jars (the harness runs copies, so that a rebuild meanwhile cannot break a run). */
    Options withJars(Path engine, Path worker, Path camundaPeer) {
        return new Options(
                scenarios,
                quick,
                repeat,
                systems,
                engine,
                worker,
                dbServer,
                dbUser,
                redisUrl,
                workDir,
                drainJobs,
                drainHistory,
                camundaPeer,
                drainShapes);
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    boolean includes(String system) {
        return systems.contains(system);
    }

    /** Whether a vanilla-Camunda peer ({@code camunda}, {@code camunda-tuned}) is among the systems. */
    boolean includesVanillaCamunda() {
        return VANILLA_CAMUNDA.stream().anyMatch(systems::contains);
    }

    /** One-shot jobs per drain of {@code system}. */
    int drainJobs(String system) {
        return switch (system) {
            case SystemId.CHRONOFLOW -> chronoflowDrainJobs();
            case SystemId.CAMUNDA, SystemId.CAMUNDA_TUNED -> camundaDrainJobs();
            default -> peerDrainJobs();
        };
    }

    /** One-shot jobs per drain of a peer or the raw-SQL queue. */
    int peerDrainJobs() {
        if (drainJobs != null) {
            return drainJobs;
        }
        return quick ? 2_000 : 50_000;
    }

    /** Process instances per drain of Chronoflow (each is created through {@code /engine-rest}, so fewer when quick). */
    int chronoflowDrainJobs() {
        if (drainJobs != null) {
            return drainJobs;
        }
        return quick ? 500 : 50_000;
    }

    /**
     * Process instances per drain of vanilla Camunda ({@code camunda}, {@code camunda-tuned}): as many as the peers'
     * in a full run; 1,000 in a quick run (created through {@code /engine-rest} while the harness idles anyway).
     */
    int camundaDrainJobs() {
        if (drainJobs != null) {
            return drainJobs;
        }
        return quick ? 1_000 : 50_000;
    }

    /**
     * Engine nodes of the {@code camunda-defaults} variant: two as for Chronoflow, one in a quick run (it only serves
     * the timer scenarios, and a third and fourth engine booting would cost a quick run half a minute of both cores).
     */
    int defaultsNodes() {
        return quick ? 1 : 2;
    }

    /** The steady scenario's rates, fires per second. */
    List<Integer> steadyRates() {
        return quick ? List.of(10, 100) : List.of(10, 100, 1000);
    }

    /** How long a steady rate is held: a minute, in a quick run 6 s (3 s from 100 fires/s on). */
    Duration steadyWindow(int rate) {
        if (!quick) {
            return Duration.ofSeconds(60);
        }
        return rate >= 100 ? Duration.ofSeconds(3) : Duration.ofSeconds(6);
    }

    /** How long the systems sit idle before the idle scenario's fires are due. */
    Duration idlePeriod() {
        return quick ? Duration.ofMinutes(1) : Duration.ofMinutes(10);
    }

    /** Between the idle scenario's fires, so that they meet a polling system in different phases. */
    Duration idleSpacing() {
        return quick ? Duration.ofMillis(5_300) : Duration.ofMillis(17_300);
    }

    /** Process instances per second the dispatch scenario starts (half through each engine node). */
    int dispatchRate() {
        return 20;
    }

    /** How long the dispatch scenario starts instances. */
    Duration dispatchWindow() {
        return quick ? Duration.ofSeconds(10) : Duration.ofSeconds(30);
    }

    /** What each shard of the sharded scenario does besides its fenced write: sleep this long. */
    Duration shardWork() {
        return quick ? Duration.ofMillis(500) : Duration.ofSeconds(2);
    }

    /** Work items (rows to write) of the items scenario. */
    int itemCount() {
        return quick ? 5_000 : 50_000;
    }

    /** Timers due far in the future that the memory scenario schedules. */
    int memoryTimers() {
        return quick ? 10_000 : 100_000;
    }

    /** {@code all}, one scenario or several, comma-separated; kept in the order of {@link #SCENARIOS}. */
    private static Set<String> scenarios(String scenario) {
        if (scenario.equals("all")) {
            return new LinkedHashSet<>(SCENARIOS);
        }
        List<String> chosen = Arrays.asList(scenario.split(","));
        List<String> unknown =
                chosen.stream().filter(s -> !SCENARIOS.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--scenario: unknown scenario(s) " + unknown + "; " + usage());
        }
        Set<String> ordered = new LinkedHashSet<>(SCENARIOS);
        ordered.retainAll(chosen);
        return ordered;
    }

    /**
     * The systems named, or for {@code all} every system; with {@code --quick} {@code all} leaves out the vanilla-Camunda
     * peers (two more engines to boot and drains to run would take the quick run past 5 minutes): name them to include
     * them, e.g. {@code --quick --scenario drain --systems chronoflow,camunda-tuned}.
     */
    private static Set<String> systems(String systems, boolean quick) {
        if (systems.equals("all")) {
            Set<String> all = new LinkedHashSet<>(SYSTEMS);
            if (quick) {
                all.removeAll(VANILLA_CAMUNDA);
            }
            return all;
        }
        Set<String> chosen = new LinkedHashSet<>(Arrays.asList(systems.split(",")));
        List<String> unknown = chosen.stream().filter(s -> !SYSTEMS.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--systems: unknown system(s) " + unknown + "; " + usage());
        }
        return chosen;
    }

    /** Chronoflow's drain shapes, comma-separated, each as {@link ChronoflowDrain.Shape#parse} reads it. */
    private static List<ChronoflowDrain.Shape> shapes(String value, String option) {
        List<ChronoflowDrain.Shape> shapes = new java.util.ArrayList<>();
        for (String token : value.split(",")) {
            try {
                shapes.add(ChronoflowDrain.Shape.parse(token));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + ": " + e.getMessage());
            }
        }
        return List.copyOf(shapes);
    }

    private static int positive(String value, String option) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive whole number, not '" + value + "'");
    }

    private static String oneOf(String value, List<String> allowed, String option) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(option + " must be one of " + allowed + ", not " + value);
        }
        return value;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value; " + usage());
        }
        return args[index];
    }
}

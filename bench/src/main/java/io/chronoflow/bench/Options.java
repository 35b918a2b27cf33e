package io.chronoflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The harness's command line: {@code --scenario all|drain|steady|idle}, {@code --quick} (smaller loads and short
 * windows, for a smoke run), {@code --repeat N}, {@code --systems a,b}, {@code --engine-jar}, {@code --worker-jar},
 * {@code --db} (a PostgreSQL server URL; the harness creates its own databases there), {@code --redis}, {@code
 * --work-dir}.
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
        Path workDir) {

    /** The scenarios the harness runs, in the order it runs them. */
    static final List<String> SCENARIOS = List.of("drain", "steady", "idle");
    /** Scenarios of the benchmark issue that are not in the harness yet: named, refused with a clear message. */
    static final List<String> PLANNED = List.of("dispatch", "sharded", "memory");
    /** Every system the harness knows, in report order. */
    static final List<String> SYSTEMS =
            List.of(SystemId.RAW_SQL, SystemId.DB_SCHEDULER, SystemId.QUARTZ, SystemId.CHRONOFLOW, SystemId.DEFAULTS);

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
                default -> throw new IllegalArgumentException("unknown option " + arg + "; " + usage());
            }
        }
        if (!db.endsWith("/")) {
            db = db + "/";
        }
        return new Options(
                scenarios(scenario),
                quick,
                repeat != null ? repeat : quick ? 1 : 3,
                systems(systems),
                engineJar,
                workerJar,
                db,
                dbUser,
                redis,
                workDir);
    }

    static String usage() {
        return "usage: java -jar chronoflow-bench.jar [--scenario all|" + String.join("|", SCENARIOS)
                + "] [--quick] [--repeat N] [--systems all|" + String.join(",", SYSTEMS)
                + "] [--engine-jar PATH] [--worker-jar PATH] [--db jdbc:postgresql://HOST:PORT/] [--db-user USER]"
                + " [--redis redis://HOST:PORT] [--work-dir PATH]";
    }

    /** The same options with other jars (the harness runs copies, so that a rebuild meanwhile cannot break a run). */
    Options withJars(Path engine, Path worker) {
        return new Options(scenarios, quick, repeat, systems, engine, worker, dbServer, dbUser, redisUrl, workDir);
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    boolean includes(String system) {
        return systems.contains(system);
    }

    /** One-shot jobs per drain of a peer or the raw-SQL queue. */
    int peerDrainJobs() {
        return quick ? 5_000 : 50_000;
    }

    /** Process instances per drain of Chronoflow (each is created through {@code /engine-rest}, so fewer when quick). */
    int chronoflowDrainJobs() {
        return quick ? 2_000 : 50_000;
    }

    /** The steady scenario's rates, fires per second. */
    List<Integer> steadyRates() {
        return quick ? List.of(10, 100) : List.of(10, 100, 1000);
    }

    /** How long a steady rate is held. */
    Duration steadyWindow() {
        return quick ? Duration.ofSeconds(15) : Duration.ofSeconds(60);
    }

    /** How long the systems sit idle before the idle scenario's fires are due. */
    Duration idlePeriod() {
        return quick ? Duration.ofMinutes(1) : Duration.ofMinutes(10);
    }

    private static Set<String> scenarios(String scenario) {
        if (scenario.equals("all")) {
            return new LinkedHashSet<>(SCENARIOS);
        }
        if (SCENARIOS.contains(scenario)) {
            return Set.of(scenario);
        }
        if (PLANNED.contains(scenario)) {
            throw new IllegalArgumentException("--scenario " + scenario
                    + ": not in the harness yet (benchmark issue #9); available: all|" + String.join("|", SCENARIOS));
        }
        throw new IllegalArgumentException("--scenario: unknown scenario '" + scenario + "'; " + usage());
    }

    private static Set<String> systems(String systems) {
        if (systems.equals("all")) {
            return new LinkedHashSet<>(SYSTEMS);
        }
        Set<String> chosen = new LinkedHashSet<>(Arrays.asList(systems.split(",")));
        List<String> unknown = chosen.stream().filter(s -> !SYSTEMS.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--systems: unknown system(s) " + unknown + "; " + usage());
        }
        return chosen;
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

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value; " + usage());
        }
        return args[index];
    }
}

package io.chronoflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The harness's command line: {@code --scenario all|steady|idle}, {@code --quick} (short windows, for a smoke run),
 * {@code --engine-jar}, {@code --db} (a PostgreSQL server URL; the harness creates its own databases there), {@code
 * --redis}, {@code --work-dir}.
 */
record Options(
        Set<String> scenarios,
        boolean quick,
        Path engineJar,
        String dbServer,
        String dbUser,
        String redisUrl,
        Path workDir) {

    static final List<String> SCENARIOS = List.of("steady", "idle");

    static Options parse(String... args) {
        String scenario = "all";
        boolean quick = false;
        Path engineJar = Path.of("engine/target/chronoflow-engine.jar");
        String db = "jdbc:postgresql://127.0.0.1:5432/";
        String dbUser = "postgres";
        String redis = "redis://127.0.0.1:6379";
        Path workDir = Path.of("bench/target/run");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "--scenario" -> scenario = value(args, ++i, arg);
                case "--engine-jar" -> engineJar = Path.of(value(args, ++i, arg));
                case "--db" -> db = value(args, ++i, arg);
                case "--db-user" -> dbUser = value(args, ++i, arg);
                case "--redis" -> redis = value(args, ++i, arg);
                case "--work-dir" -> workDir = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg + "; " + usage());
            }
        }
        Set<String> scenarios;
        if (scenario.equals("all")) {
            scenarios = Set.copyOf(SCENARIOS);
        } else if (SCENARIOS.contains(scenario)) {
            scenarios = Set.of(scenario);
        } else {
            throw new IllegalArgumentException("--scenario: unknown scenario '" + scenario + "'; " + usage());
        }
        if (!db.endsWith("/")) {
            db = db + "/";
        }
        return new Options(scenarios, quick, engineJar, db, dbUser, redis, workDir);
    }

    static String usage() {
        return "usage: java -jar chronoflow-bench.jar [--scenario all|" + String.join("|", SCENARIOS)
                + "] [--quick] [--engine-jar PATH] [--db jdbc:postgresql://HOST:PORT/] [--db-user USER]"
                + " [--redis redis://HOST:PORT] [--work-dir PATH]";
    }

    /** How long a steady rate is held. */
    Duration steadyWindow() {
        return quick ? Duration.ofSeconds(15) : Duration.ofSeconds(60);
    }

    /** How long the engines sit idle before the idle scenario's fires are due. */
    Duration idlePeriod() {
        return quick ? Duration.ofMinutes(1) : Duration.ofMinutes(10);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value; " + usage());
        }
        return args[index];
    }
}

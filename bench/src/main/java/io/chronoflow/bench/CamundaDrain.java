package io.chronoflow.bench;

import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.testkit.PostgresDatabase;
import io.chronoflow.testkit.ServiceProcess;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The drain on vanilla Camunda ({@link CamundaTuning}): the engine of bench/camunda-peer as a process of its own on a
 * database of its own (re-created), the jobs {@link HeldInstances held} as suspended instances, then the client
 * process (the official external-task client(s)) starts and polls; the release activates the instances. Both
 * processes listen on 127.0.0.1 without authentication; their CPU counts as the system's.
 *
 * <p>A quick run {@link #start starts} the engine and {@link #prepare prepares} the jobs while it waits anyway, and
 * drains later.
 */
final class CamundaDrain extends HeldDrain {

    static final String JAR_ROLE_CLIENT = "client";
    private static final String ENGINE_HEALTH = "/engine-rest/engine";
    private static final String CLIENT_HEALTH = "/health";
    /**
     * Idle connections the engine's pool keeps (it grows to HikariCP's default 10 under load), so that the peers'
     * engines, booted early in a quick run, leave room in PostgreSQL's 100 connections while they wait.
     */
    private static final int IDLE_CONNECTIONS = 2;
    /** An idle PostgreSQL backend reports its last transactions' counts within 10 s: wait that out after the load. */
    private static final Duration IDLE_REPORT = Duration.ofSeconds(11);

    private final CamundaTuning tuning;
    private final Options options;
    private final Progress progress;
    private final Path dir;
    private final ServiceProcess engine;
    private final EngineRest rest;
    private ServiceProcess client;
    private long heldAt;

    private CamundaDrain(CamundaTuning tuning, Options options, Progress progress, Path dir, ServiceProcess engine) {
        this.tuning = tuning;
        this.options = options;
        this.progress = progress;
        this.dir = dir;
        this.engine = engine;
        this.rest = new EngineRest(tuning.system(), List.of(EngineHttp.anonymous(engine.baseUrl())), progress);
    }

    /** Re-creates the database, starts the engine, waits until its REST API answers and deploys the drain model. */
    static CamundaDrain start(CamundaTuning tuning, Options options, Progress progress) {
        PostgresDatabase.recreate(url(tuning, options), options.dbUser());
        Path dir =
                EngineCluster.mkdirs(options.workDir().resolve(tuning.system()).toAbsolutePath());
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("CAMUNDA_PEER_DB_URL", url(tuning, options));
        env.put("CAMUNDA_PEER_DB_USER", options.dbUser());
        env.put("CAMUNDA_PEER_HISTORY_LEVEL", tuning.historyLevel());
        env.put("SPRING_DATASOURCE_HIKARI_MINIMUMIDLE", Integer.toString(IDLE_CONNECTIONS));
        progress.say(
                "%s: starting the engine, history level %s (log: %s)", tuning.system(), tuning.historyLevel(), dir);
        ServiceProcess engine = ServiceProcess.start("engine", options.camundaPeerJar(), dir, env, List.of());
        try {
            engine.awaitHealthy(Duration.ofMinutes(3), ENGINE_HEALTH);
            CamundaDrain drain = new CamundaDrain(tuning, options, progress, dir, engine);
            drain.rest.deploy(HeldInstances.MODEL, EngineCluster.resource(HeldInstances.MODEL));
            return drain;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private static String url(CamundaTuning tuning, Options options) {
        return options.dbServer() + SystemId.database(tuning.system());
    }

    @Override
    public String system() {
        return tuning.system();
    }

    @Override
    public String database() {
        return SystemId.database(tuning.system());
    }

    @Override
    public List<ProcessHandle> processes() {
        return Stream.of(engine, client)
                .filter(p -> p != null)
                .map(p -> ProcessHandle.of(p.pid()))
                .flatMap(Optional::stream)
                .toList();
    }

    /** Creates the jobs and holds them (suspended), without starting the client. */
    CamundaDrain prepare(int jobs) {
        try {
            held = new HeldInstances(
                    tuning.system(),
                    rest,
                    DriverManager.getConnection(url(tuning, options), options.dbUser(), ""),
                    progress);
        } catch (SQLException e) {
            throw new IllegalStateException(tuning.system() + ": cannot connect to its database", e);
        }
        held.create(jobs);
        heldAt = System.nanoTime();
        return this;
    }

    /**
     * Prepares the jobs unless that was done already, waits out PostgreSQL's report of the engine's idle connections
     * (it keeps them pooled) if the jobs were just created, then starts the client process and waits until it polls: as
     * late as possible, because {@code camunda}'s client backs off further after every empty fetch.
     */
    @Override
    public void load(int jobs) {
        if (!alreadyHeld(jobs)) {
            prepare(jobs);
        }
        Duration sinceHeld = Duration.ofNanos(System.nanoTime() - heldAt);
        if (sinceHeld.compareTo(IDLE_REPORT) < 0) {
            DrainScenario.pause(IDLE_REPORT.minus(sinceHeld));
        }
        Map<String, String> env = new HashMap<>(tuning.clientEnv());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("CAMUNDA_PEER_BASE_URL", engine.baseUrl() + "/engine-rest");
        env.put("CAMUNDA_PEER_TOPIC", HeldInstances.TOPIC);
        progress.say("%s: starting the client process %s", system(), new java.util.TreeMap<>(tuning.clientEnv()));
        client = ServiceProcess.start("client", options.camundaPeerJar(), dir, env, List.of(JAR_ROLE_CLIENT));
        client.awaitHealthy(Duration.ofMinutes(1), CLIENT_HEALTH);
    }

    /** Stops the client, then the engine (its backends exit and report at once); safe to call again. */
    @Override
    public void close() {
        closeHeld();
        if (client != null) {
            client.close();
        }
        engine.close();
    }
}

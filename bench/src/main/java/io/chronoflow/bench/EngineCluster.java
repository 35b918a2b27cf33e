package io.chronoflow.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoflow.testkit.EngineEnvironment;
import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.testkit.PostgresDatabase;
import io.chronoflow.testkit.ServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Engine nodes of one {@link Variant} as real processes from the built jar, on a database of their own (re-created),
 * the local Redis under a key prefix of their own, no example models and no demo worker. As a {@link TimerTarget} each
 * fire is one instance of {@code bench-timer} whose timer is due at a chosen instant (its business key); its lag is the
 * end time of the timer event in the engine's history minus that instant.
 */
final class EngineCluster implements TimerTarget {

    static final String TIMER_MODEL = "bench-timer.bpmn";
    private static final String TIMER_PROCESS = "bench-timer";
    /** Instances created per second and node while preparing timers, at most (conservative on a quiet machine). */
    private static final int CREATION_RATE_PER_NODE = 50;
    /** Creations of fewer timers than this say little about the creation rate (a cold start weighs too much). */
    private static final int RATE_SAMPLE = 200;
    /** Idle connections each node's pool keeps. */
    private static final int IDLE_CONNECTIONS = 5;

    private static final DateTimeFormatter CAMUNDA_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private final Variant variant;
    private final String dbUrl;
    private final String dbUser;
    private final String redisKeyPrefix;
    private final List<ServiceProcess> nodes;
    private final EngineRest rest;
    private final Progress progress;
    /** The worker token every worker of this cluster runs with, issued on first use. */
    private String workerToken;
    /** Instances per second the last {@link #schedule} achieved; 0 before the first. */
    private volatile double observedRate;
    /** The harness's connection for its queries, opened on first use. */
    private Connection harness;

    private EngineCluster(
            Variant variant,
            Options options,
            String redisKeyPrefix,
            String adminPassword,
            List<ServiceProcess> nodes,
            Progress progress) {
        this.variant = variant;
        this.dbUrl = options.dbServer() + SystemId.database(variant.id());
        this.dbUser = options.dbUser();
        this.redisKeyPrefix = redisKeyPrefix;
        this.nodes = nodes;
        this.rest = new EngineRest(
                variant.id(),
                nodes.stream()
                        .map(n -> EngineHttp.basic(n.baseUrl(), "admin", adminPassword))
                        .toList(),
                progress);
        this.progress = progress;
    }

    /**
     * Starts {@code count} nodes one after the other (the first creates the schema) and waits until each is up. Each
     * node's connection pool keeps {@value #IDLE_CONNECTIONS} idle connections (growing to its 20 under load, as
     * shipped), so that two clusters, the peers and the workers fit in PostgreSQL's default 100 connections.
     */
    static EngineCluster start(Variant variant, Options options, int count, Progress progress) {
        String dbUrl = options.dbServer() + SystemId.database(variant.id());
        PostgresDatabase.recreate(dbUrl, options.dbUser());
        Path dir = options.workDir().resolve(variant.id()).toAbsolutePath();
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        String keyPrefix = "cfbench-" + variant.id();
        EngineEnvironment env = EngineEnvironment.of(
                        dbUrl, options.dbUser(), options.redisUrl(), keyPrefix, password, dir)
                .with("SPRING_DATASOURCE_HIKARI_MINIMUMIDLE", Integer.toString(IDLE_CONNECTIONS));
        List<ServiceProcess> nodes = new ArrayList<>();
        try {
            for (int i = 1; i <= count; i++) {
                Path nodeDir = mkdirs(dir.resolve("node" + i));
                env.with("CHRONOFLOW_DATA_DIR", nodeDir.resolve("data").toString());
                progress.say("%s: starting engine node %d of %d (log: %s)", variant.id(), i, count, nodeDir);
                ServiceProcess node =
                        ServiceProcess.start("engine", options.engineJar(), nodeDir, env.toMap(), variant.engineArgs());
                nodes.add(node);
                node.awaitHealthy(Duration.ofMinutes(3));
            }
        } catch (RuntimeException e) {
            nodes.forEach(ServiceProcess::close);
            throw e;
        }
        return new EngineCluster(variant, options, keyPrefix, password, nodes, progress);
    }

    Variant variant() {
        return variant;
    }

    @Override
    public String system() {
        return variant.id();
    }

    int size() {
        return nodes.size();
    }

    String database() {
        return SystemId.database(variant.id());
    }

    String redisKeyPrefix() {
        return redisKeyPrefix;
    }

    /**
     * A worker token for every topic, as production workers run (docs/security.md): workers are not engine users, so the
     * engine makes no per-user authorization checks for their calls, which a worker with the admin's password would pay.
     */
    synchronized String workerToken() {
        if (workerToken == null) {
            workerToken = rest.post(
                            "/api/v1/worker-tokens",
                            JsonNodeFactory.instance.objectNode().put("name", "bench-workers"),
                            "issue a worker token")
                    .path("token")
                    .asText();
        }
        return workerToken;
    }

    /** The {@code /engine-rest} URL of node {@code node} (0-based). */
    String engineRestUrl(int node) {
        return nodes.get(node).baseUrl() + "/engine-rest";
    }

    /** The operating-system process of node {@code node} (0-based): the engine's JVM. */
    long pid(int node) {
        return nodes.get(node).pid();
    }

    List<ProcessHandle> processes() {
        return nodes.stream()
                .map(n -> ProcessHandle.of(n.pid()))
                .flatMap(java.util.Optional::stream)
                .toList();
    }

    /** Deploys models from the harness's resources through the first node's {@code /engine-rest}. */
    void deploy(List<String> resources) {
        resources.forEach(this::deploy);
    }

    /** Deploys a model from the harness's resources through the first node's {@code /engine-rest}. */
    void deploy(String resource) {
        deploy(resource, resource(resource));
    }

    /** A model from the harness's resources. */
    static byte[] resource(String resource) {
        try (InputStream in = EngineCluster.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deploys {@code model} under the name {@code resource} through the first node's {@code /engine-rest}. */
    void deploy(String resource, byte[] model) {
        rest.deploy(resource, model);
    }

    /**
     * Starts one instance of {@code processKey} through node {@code node} (0-based) with {@code body} (business key,
     * variables, as {@code /engine-rest} takes them); returns its id.
     */
    String start(int node, String processKey, ObjectNode body) {
        return rest.start(node, processKey, body);
    }

    /**
     * Starts one run of the sharded job {@code processKey} through the first node, its multi-instance cardinality the
     * variable {@code shards}; returns its id.
     */
    String startSharded(String processKey, String businessKey, int shards) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("businessKey", businessKey);
        ObjectNode variable = body.putObject("variables").putObject("shards");
        variable.put("value", shards);
        variable.put("type", "Integer");
        return start(0, processKey, body);
    }

    /** The nodes' {@code /engine-rest}, as the admin user. */
    EngineRest rest() {
        return rest;
    }

    /**
     * {@value #CREATION_RATE_PER_NODE} per node, or less when the last creation was slower (a busy machine): 80 % of
     * what it achieved, so that timers are still created before they are due.
     */
    @Override
    public int creationRate() {
        int rate = CREATION_RATE_PER_NODE * nodes.size();
        return observedRate == 0 ? rate : (int) Math.max(1, Math.min(rate, 0.8 * observedRate));
    }

    @Override
    public int schedule(String run, List<Instant> dues) {
        long start = System.nanoTime();
        AtomicInteger late = new AtomicInteger();
        rest.onAllNodes(dues.size(), i -> {
            Instant due = dues.get(i);
            startWithDue(i, run + ":" + due.toEpochMilli(), due);
            if (Instant.now().plusSeconds(1).isAfter(due)) {
                late.incrementAndGet();
            }
        });
        if (dues.size() >= RATE_SAMPLE) {
            observedRate = dues.size() / Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        }
        return late.get();
    }

    private void startWithDue(int index, String businessKey, Instant due) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("businessKey", businessKey);
        ObjectNode dueVariable = body.putObject("variables").putObject("due");
        dueVariable.put("value", CAMUNDA_DATE.format(due));
        dueVariable.put("type", "Date");
        rest.start(index % rest.size(), TIMER_PROCESS, body);
    }

    @Override
    public List<Long> lags(String run) {
        return query("reading the engine's history", c -> {
            try (PreparedStatement query =
                    c.prepareStatement("select p.business_key_, a.end_time_ from act_hi_actinst a"
                            + " join act_hi_procinst p on p.proc_inst_id_ = a.proc_inst_id_"
                            + " where a.act_id_ = 'wait' and a.end_time_ is not null and p.business_key_ like ?")) {
                query.setString(1, run + ":%");
                List<Long> lags = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        long due = Long.parseLong(rows.getString(1).substring(run.length() + 1));
                        lags.add(Math.max(0, rows.getTimestamp(2).getTime() - due));
                    }
                }
                return lags;
            }
        });
    }

    /**
     * Waits up to {@code limit} for the run {@code processInstanceId} to end, asking the history every 100 ms; returns
     * its wall time by the history (start to end), NaN if it did not end in time.
     */
    double awaitEnd(String processInstanceId, Duration limit) {
        Instant until = Instant.now().plus(limit);
        while (Instant.now().isBefore(until)) {
            Double seconds = runSeconds(processInstanceId);
            if (seconds != null) {
                return seconds;
            }
            DrainScenario.pause(Duration.ofMillis(100));
        }
        progress.say("%s: run %s did not end within %s", variant.id(), processInstanceId, limit);
        return Double.NaN;
    }

    /** The run's wall time by the engine's history, or null while it has not ended: one query, one transaction. */
    Double runSeconds(String processInstanceId) {
        return query("reading the engine's history", c -> {
            try (PreparedStatement query =
                    c.prepareStatement("select start_time_, end_time_ from act_hi_procinst where proc_inst_id_ = ?")) {
                query.setString(1, processInstanceId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() && row.getTimestamp(2) != null
                            ? (row.getTimestamp(2).getTime()
                                            - row.getTimestamp(1).getTime())
                                    / 1000.0
                            : null;
                }
            }
        });
    }

    /** A connection to the engine's database of its own, for a harness query whose transactions are counted. */
    Connection connect() throws SQLException {
        return database(dbUrl, dbUser);
    }

    /** A query of the harness's, each statement a transaction of its own. */
    interface Query<T> {
        T on(Connection c) throws SQLException;
    }

    /**
     * Runs {@code query} on the harness's one connection to the engine's database (kept open, so that polling the
     * history does not open connection after connection while PostgreSQL's are scarce).
     */
    synchronized <T> T query(String what, Query<T> query) {
        try {
            if (harness == null || harness.isClosed()) {
                harness = database(dbUrl, dbUser);
            }
            return query.on(harness);
        } catch (SQLException e) {
            closeHarnessConnection();
            throw new IllegalStateException(what + " failed", e);
        }
    }

    @Override
    public void analyze() {
        query("ANALYZE", c -> {
            try (Statement s = c.createStatement()) {
                return s.execute("ANALYZE");
            }
        });
    }

    private synchronized void closeHarnessConnection() {
        try {
            if (harness != null) {
                harness.close();
            }
        } catch (SQLException e) {
            // nothing was pending on it
        }
        harness = null;
    }

    @Override
    public void close() {
        closeHarnessConnection();
        nodes.forEach(ServiceProcess::close);
    }

    private static Connection database(String url, String user) throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    /** Creates {@code dir} and its parents as needed. */
    static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

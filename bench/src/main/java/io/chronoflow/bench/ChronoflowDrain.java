package io.chronoflow.bench;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Chronoflow's drain: one process instance of {@code bench-drain} (start, external task {@value #TOPIC}, end) per job,
 * created up front through {@code /engine-rest} on the engine nodes, then suspended together with the definition; the
 * worker-app processes start and long-poll; the release activates them all in one call, and the workers complete each
 * task at once. A job has finished when its external task (and so its instance) is gone.
 *
 * <p>A quick run {@link #prepare prepares} its drain early and later {@link #on drains on a worker that is already
 * running} (started after the suspension, so it never saw an active task), which saves a worker start.
 */
final class ChronoflowDrain implements DrainTarget {

    static final String MODEL = "bench-drain.bpmn";
    static final String PROCESS = "bench-drain";
    static final String TOPIC = "bench-drain";
    /** Time for freshly started workers to register and send their first long poll. */
    private static final Duration WORKERS_SETTLE = Duration.ofSeconds(2);

    private final EngineCluster cluster;
    private final Shape shape;
    private final Options options;
    private final Progress progress;
    private WorkerFleet workers;
    private Connection connection;
    private boolean prepared;

    /**
     * How many worker processes, each with how many threads, talk to how many engine nodes (the cluster's other nodes
     * keep running but get no worker).
     */
    record Shape(int nodes, int workers, int threadsPerWorker) {

        static final List<Shape> ALL =
                List.of(new Shape(1, 1, 1), new Shape(1, 1, 4), new Shape(1, 1, 16), new Shape(2, 2, 8));
        /** A quick run's one shape: the first worker of the sharded and dispatch scenarios, 8 threads. */
        static final Shape QUICK = new Shape(1, 1, FleetScenarios.CAPACITY);

        String label() {
            if (nodes == 1) {
                return SystemId.CHRONOFLOW + ", " + threadsPerWorker + (threadsPerWorker == 1 ? " thread" : " threads");
            }
            return SystemId.CHRONOFLOW + ", " + nodes + " nodes, " + workers + "x" + threadsPerWorker + " threads";
        }
    }

    /**
     * The drain model with {@code chronoflow.history} set to {@code history} (full, activity, none): how much history the
     * drain's runs leave, one of the levers of the per-fire path.
     */
    static byte[] model(String history) {
        String model = new String(EngineCluster.resource(MODEL), StandardCharsets.UTF_8);
        String property = "<bpmn:extensionElements><camunda:properties><camunda:property name=\"chronoflow.history\""
                + " value=\"" + history + "\"/></camunda:properties></bpmn:extensionElements>";
        return model.replace("<bpmn:startEvent id=\"start\"/>", property + "<bpmn:startEvent id=\"start\"/>")
                .getBytes(StandardCharsets.UTF_8);
    }

    ChronoflowDrain(EngineCluster cluster, Shape shape, Options options, Progress progress) {
        if (shape.nodes() > cluster.size()) {
            throw new IllegalArgumentException(shape.label() + " needs " + shape.nodes() + " engine nodes");
        }
        this.cluster = cluster;
        this.shape = shape;
        this.options = options;
        this.progress = progress;
    }

    @Override
    public String label() {
        return "full".equals(options.drainHistory())
                ? shape.label()
                : shape.label() + ", history " + options.drainHistory();
    }

    @Override
    public String system() {
        return SystemId.CHRONOFLOW;
    }

    @Override
    public String database() {
        return cluster.database();
    }

    @Override
    public List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>(cluster.processes());
        if (workers != null) {
            all.addAll(workers.processes());
        }
        return all;
    }

    /**
     * A drain whose jobs are {@link #prepare prepared} already, run by {@code worker}, which is running and polls
     * {@value #TOPIC} and nothing more than a drain worker polls; the drain stops it when it ends.
     */
    static ChronoflowDrain on(WorkerFleet worker, ChronoflowDrain prepared) {
        if (!prepared.prepared || worker.size() != prepared.shape.workers()) {
            throw new IllegalArgumentException(prepared.label() + ": needs its jobs prepared and its workers running");
        }
        prepared.workers = worker;
        return prepared;
    }

    /** Creates the jobs and holds them (suspended), without starting workers. */
    ChronoflowDrain prepare(int jobs) {
        progress.say("%s: drain: creating %d jobs", label(), jobs);
        try {
            connection = cluster.connect();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the engine's database", e);
        }
        cluster.startInstances(PROCESS, jobs);
        setSuspended(true);
        awaitNoActiveTasks();
        cluster.analyze();
        prepared = true;
        return this;
    }

    @Override
    public void load(int jobs) {
        if (!prepared) {
            prepare(jobs);
        } else if (jobs != count("true")) {
            throw new IllegalStateException(label() + ": " + jobs + " jobs asked for, " + count("true") + " prepared");
        }
        if (workers == null) {
            List<WorkerFleet.Spec> specs = new ArrayList<>();
            for (int i = 0; i < shape.workers(); i++) {
                specs.add(WorkerFleet.Spec.noop(
                        "bench-worker-" + (i + 1), i % shape.nodes(), shape.threadsPerWorker(), TOPIC));
            }
            workers = WorkerFleet.start(cluster, specs, options, progress);
            DrainScenario.pause(WORKERS_SETTLE);
        }
    }

    /** The engines keep their pooled connections: wait out PostgreSQL's 10 s retry of a contended report. */
    @Override
    public Duration reportDelay() {
        return Duration.ofSeconds(11);
    }

    @Override
    public void release() {
        setSuspended(false);
    }

    /**
     * One {@code /engine-rest} call; with tens of thousands of instances on a busy machine it may outlast the HTTP
     * timeout while the engine goes on and commits it, so a timeout is reported, not fatal.
     */
    private void setSuspended(boolean suspended) {
        try {
            cluster.setSuspended(PROCESS, suspended);
        } catch (UncheckedIOException e) {
            progress.say(
                    "%s: %s still running after the HTTP timeout (%s)",
                    label(), suspended ? "suspension" : "activation", e.getMessage());
        }
    }

    private void awaitNoActiveTasks() {
        Instant limit = Instant.now().plus(Duration.ofMinutes(5));
        while (count("suspension_state_ = 1") > 0) {
            if (Instant.now().isAfter(limit)) {
                throw new IllegalStateException(label() + ": the external tasks were not suspended within 5 minutes");
            }
            DrainScenario.pause(Duration.ofMillis(500));
        }
    }

    @Override
    public long remaining() {
        return count("true");
    }

    private long count(String condition) {
        try (Statement s = connection.createStatement();
                ResultSet row = s.executeQuery(
                        "select count(*) from act_ru_ext_task where topic_name_ = '" + TOPIC + "' and " + condition)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting open tasks failed", e);
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.close();
            workers = null;
        }
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // nothing was pending on it
        }
    }
}

package io.chronoflow.bench;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chronoflow's drain: the jobs {@link HeldInstances held} as suspended instances on the engine nodes; the worker-app
 * processes start and long-poll; the release activates them all in one call, and the workers complete each task at
 * once.
 *
 * <p>A quick run {@link #prepare prepares} its drain early and later {@link #on drains on a worker that is already
 * running} (started after the suspension, so it never saw an active task), which saves a worker start.
 */
final class ChronoflowDrain extends HeldDrain {

    static final String MODEL = HeldInstances.MODEL;
    static final String TOPIC = HeldInstances.TOPIC;
    /** Time for freshly started workers to register and send their first long poll. */
    private static final Duration WORKERS_SETTLE = Duration.ofSeconds(2);

    private final EngineCluster cluster;
    private final Shape shape;
    private final Options options;
    private final Progress progress;
    private WorkerFleet workers;

    /**
     * How many worker processes, each with how many threads, talk to how many engine nodes (the cluster's other nodes
     * keep running but get no worker).
     */
    record Shape(int nodes, int workers, int threadsPerWorker) {

        static final List<Shape> ALL =
                List.of(new Shape(1, 1, 1), new Shape(1, 1, 4), new Shape(1, 1, 16), new Shape(2, 2, 8));
        /** A quick run's one shape: the first worker of the sharded and dispatch scenarios, 8 threads. */
        static final Shape QUICK = new Shape(1, 1, FleetScenarios.CAPACITY);

        private static final Pattern SYNTAX = Pattern.compile("(?:([12])x)?([1-9][0-9]{0,2})");

        /**
         * {@code T}: one engine node with one worker of T threads; {@code NxT}: N nodes (at most the two of a full run)
         * with a worker of T threads on each.
         */
        static Shape parse(String token) {
            Matcher m = SYNTAX.matcher(token.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + token
                        + "' is not a shape: T (one node, one worker of T threads) or NxT (N of the 2 nodes, a worker"
                        + " of T threads on each), e.g. 1,4,16,2x8");
            }
            int nodes = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
            return new Shape(nodes, nodes, Integer.parseInt(m.group(2)));
        }

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
        if (prepared.held == null || worker.size() != prepared.shape.workers()) {
            throw new IllegalArgumentException(prepared.label() + ": needs its jobs prepared and its workers running");
        }
        prepared.workers = worker;
        return prepared;
    }

    /** Creates the jobs and holds them (suspended), without starting workers. */
    ChronoflowDrain prepare(int jobs) {
        try {
            held = new HeldInstances(label(), cluster.rest(), cluster.connect(), progress);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the engine's database", e);
        }
        held.create(jobs);
        return this;
    }

    @Override
    public void load(int jobs) {
        if (!alreadyHeld(jobs)) {
            prepare(jobs);
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
    public void close() {
        if (workers != null) {
            workers.close();
            workers = null;
        }
        closeHeld();
    }
}

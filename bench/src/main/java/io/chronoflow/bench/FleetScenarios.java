package io.chronoflow.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The scenarios that need Chronoflow workers running for a while, on one fleet of worker-app processes that all
 * long-poll the first engine node and have {@value #CAPACITY} threads each: the sharded job on 4 workers, the dispatch
 * scenario, the sharded job on 2, Chronoflow's side of the items scenario on those 2, the sharded job on 1 (stopping
 * workers in between), and in a quick run the drain on the one left.
 *
 * <p>The first worker is set up as a drain worker (it completes {@link ChronoflowDrain#TOPIC} at once and has the HTTP
 * task off); the others serve the HTTP task, which the dispatch scenario calls. All run the example handlers, so all
 * take shards.
 */
final class FleetScenarios {

    /** Handler threads per worker process. */
    static final int CAPACITY = 8;
    /** Worker processes for the sharded job, most first (workers are stopped in between, never started). */
    static final List<Integer> SHARDED_WORKERS = List.of(4, 2, 1);

    private final EngineCluster cluster;
    private final Options options;
    private final Progress progress;
    private final Results results;
    private final String metricsPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));

    FleetScenarios(EngineCluster cluster, Options options, Progress progress, Results results) {
        this.cluster = cluster;
        this.options = options;
        this.progress = progress;
        this.results = results;
    }

    /** Whether the chosen scenarios need a fleet: sharded, dispatch or items, or a quick run's drain. */
    static boolean needed(Options options) {
        return options.runs("sharded")
                || options.runs("dispatch")
                || options.runs("items")
                || (options.quick() && options.runs("drain"));
    }

    /**
     * Starts the fleet: 4 workers for the sharded job, else 2 for dispatch, else the drain worker alone. A quick run's
     * drain must have been {@link ChronoflowDrain#prepare prepared} (its jobs suspended) before.
     */
    WorkerFleet start() {
        int count = options.runs("sharded") ? SHARDED_WORKERS.get(0) : options.runs("dispatch") ? 2 : 1;
        ShardedScenario.createDatabase(options);
        Map<String, String> env = new HashMap<>(ShardedScenario.workerEnv(options, metricsPassword));
        if (options.runs("items")) {
            count = Math.max(count, ChronoflowItems.WORKERS);
            ChronoflowItems.createDatabase(options);
            env.putAll(ChronoflowItems.workerEnv(options));
        }
        List<WorkerFleet.Spec> specs = new ArrayList<>();
        specs.add(WorkerFleet.Spec.noop(id(1), DispatchScenario.WORKER_NODE, CAPACITY, ChronoflowDrain.TOPIC)
                .with(env));
        for (int i = 2; i <= count; i++) {
            specs.add(new WorkerFleet.Spec(id(i), DispatchScenario.WORKER_NODE, CAPACITY, env));
        }
        return WorkerFleet.start(cluster, specs, options, progress);
    }

    private static String id(int n) {
        return "fleet-worker-" + n;
    }

    /** Runs the scenarios on {@code fleet} and stops it; {@code drain}, if any, runs last on its first worker. */
    void run(WorkerFleet fleet, ChronoflowDrain drain, DrainScenario drainScenario) {
        try {
            ShardedScenario sharded = new ShardedScenario(cluster, options, metricsPassword, progress);
            if (options.runs("sharded")) {
                sharded.warmUp(fleet);
            }
            for (int workers : SHARDED_WORKERS) {
                if (!options.runs("sharded")) {
                    break;
                }
                fleet.keep(workers);
                for (int rep = 1; rep <= options.repeat(); rep++) {
                    results.add(sharded.run(fleet, rep));
                }
                if (workers == SHARDED_WORKERS.get(0) && options.runs("dispatch")) {
                    dispatch();
                }
                if (workers == ChronoflowItems.WORKERS && options.runs("items")) {
                    items(fleet);
                }
            }
            if (!options.runs("sharded") && options.runs("dispatch")) {
                dispatch();
            }
            if (!options.runs("sharded") && options.runs("items")) {
                fleet.keep(ChronoflowItems.WORKERS);
                items(fleet);
            }
            if (drain != null) {
                fleet.keep(1);
                results.add(
                        drain.label(),
                        SystemId.CHRONOFLOW,
                        drainScenario.run(ChronoflowDrain.on(fleet, drain), options.chronoflowDrainJobs()));
            }
        } finally {
            fleet.close();
        }
    }

    /** Chronoflow's side of the items scenario (db-scheduler's runs in the harness's JVM, see {@link Run}). */
    private void items(WorkerFleet fleet) {
        ItemsScenario items = new ItemsScenario(new DatabaseStats(options), progress);
        try (ChronoflowItems warmUp = new ChronoflowItems(cluster, fleet, options)) {
            progress.say("%s: items: a run of a few items to warm up, not measured", cluster.system());
            warmUp.warmUp();
        }
        for (int rep = 1; rep <= options.repeat(); rep++) {
            try (ChronoflowItems target = new ChronoflowItems(cluster, fleet, options)) {
                results.add(items.run(target, options.itemCount()));
            }
        }
    }

    private void dispatch() {
        DispatchScenario dispatch = new DispatchScenario(cluster, options, progress);
        for (int rep = 1; rep <= options.repeat(); rep++) {
            dispatch.run(rep).forEach(results::addDispatch);
        }
    }
}

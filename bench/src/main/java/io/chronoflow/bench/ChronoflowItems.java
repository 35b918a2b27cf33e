package io.chronoflow.bench;

import io.chronoflow.examples.items.ItemsUpdate;
import io.chronoflow.testkit.PostgresDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chronoflow's side of the items scenario: one run of {@code bench-items}, a job of {@value #SHARDS} shards of the
 * example topic {@value ItemsUpdate#TOPIC}, on worker-app processes of the fleet. Each shard's worker takes the shard's
 * fenced Redisson lock and the example handler writes the shard's range of {@code items} in batches of {@value
 * ItemsUpdate#DEFAULT_BATCH}, one transaction and one statement each, fenced by the shard's row in {@code
 * item_shard_fence}. The items live in a database of their own ({@value #DATABASE}); commits are counted there and in
 * the engine's database.
 *
 * <p>{@value #SHARDS} shards: as many as the {@value #WORKERS} workers' 16 handler threads run at once, so the job is one
 * round of shards; enough concurrent writers to keep PostgreSQL's two cores busy; 3,125 items per shard in a full run
 * (four batches) and few enough shards that the engine's cost per shard (dispatch, lock, completion, the join) stays
 * small beside the items (64 shards, four rounds on 16 threads, wrote 32,000 items/s against 16 shards' 80,000 in
 * a full run: docs/benchmarks.md).
 */
final class ChronoflowItems implements ItemsTarget {

    static final String MODEL = "bench-items.bpmn";
    static final String PROCESS = "bench-items";
    static final int SHARDS = 16;
    /** Worker processes the job runs on (the fleet is shrunk to them). */
    static final int WORKERS = 2;
    /** The items' database (the example handler's tables). */
    static final String DATABASE = "chronoflow_bench_items";

    private static final int WARM_UP_ITEMS = 1_000;
    private static final Duration WARM_UP_LIMIT = Duration.ofMinutes(2);

    private final EngineCluster cluster;
    private final WorkerFleet fleet;
    private final Options options;
    private final ItemTable table;
    private String run;
    private double ownSeconds = Double.NaN;

    ChronoflowItems(EngineCluster cluster, WorkerFleet fleet, Options options) {
        this.cluster = cluster;
        this.fleet = fleet;
        this.options = options;
        this.table = ItemTable.open(options, DATABASE);
    }

    /** Creates the items' database afresh, with the example handler's tables (before any worker starts). */
    static void createDatabase(Options options) {
        PostgresDatabase.recreate(options.dbServer() + DATABASE, options.dbUser());
        ItemTable.open(options, DATABASE).close();
    }

    /** What a worker needs to serve the items job: the example's items database. */
    static Map<String, String> workerEnv(Options options) {
        return Map.of(
                "CHRONOFLOW_EXAMPLE_ITEMS_JDBC_URL",
                options.dbServer() + DATABASE,
                "CHRONOFLOW_EXAMPLE_ITEMS_USER",
                options.dbUser());
    }

    /** One run on a few items, not measured: the handler's pool and statements and the shard locks get warm. */
    void warmUp() {
        table.reload(WARM_UP_ITEMS);
        cluster.awaitEnd(start("warm-up"), WARM_UP_LIMIT);
    }

    @Override
    public String system() {
        return SystemId.CHRONOFLOW;
    }

    @Override
    public String shape() {
        List<WorkerFleet.Worker> workers = fleet.workers();
        return "%d shards × %,d per batch, %d workers × %d threads"
                .formatted(
                        SHARDS,
                        ItemsUpdate.DEFAULT_BATCH,
                        workers.size(),
                        workers.get(0).spec().capacity());
    }

    @Override
    public List<String> databases() {
        return List.of(cluster.database(), DATABASE);
    }

    @Override
    public ItemTable table() {
        return table;
    }

    @Override
    public List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>(cluster.processes());
        all.addAll(fleet.processes());
        return all;
    }

    @Override
    public void load(int items) {
        table.reload(items);
    }

    @Override
    public void release() {
        run = start(Integer.toString(fleet.size()));
    }

    private String start(String name) {
        return cluster.startSharded(PROCESS, "items-" + name, SHARDS);
    }

    @Override
    public boolean finished() {
        Double seconds = cluster.runSeconds(run);
        if (seconds == null) {
            return false;
        }
        ownSeconds = seconds;
        return true;
    }

    @Override
    public double ownSeconds() {
        return ownSeconds;
    }

    /** The engines keep their pooled connections: in a full run wait out PostgreSQL's 10 s retry of a contended report. */
    @Override
    public Duration reportDelay() {
        return options.quick() ? Duration.ofSeconds(3) : Duration.ofSeconds(11);
    }

    /** Closes the harness's connection; the workers and engines belong to the fleet and the run. */
    @Override
    public void close() {
        table.close();
    }
}

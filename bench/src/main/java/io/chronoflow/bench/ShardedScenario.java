package io.chronoflow.bench;

import io.chronoflow.examples.ShardSync;
import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.testkit.PostgresDatabase;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sharded: one run of {@code bench-sharded}, a job of {@value #SHARDS} shards of the example topic {@code
 * demo.shard-sync}, on however many worker-app processes are running. Each shard is the real thing: the worker takes
 * the shard's fenced Redisson lock, the example handler sleeps for the shard work ({@code CHRONOFLOW_EXAMPLE_SHARD_WORK})
 * and writes the shard's row with a fenced upsert into PostgreSQL; the engine joins the shards. Wall time is the run's
 * own record (its start and end in the engine's history); lock overhead per shard is the time the workers spent taking
 * shard locks (their {@code chronoflow_shard_lock_wait_seconds}) over the shards.
 */
final class ShardedScenario {

    static final String MODEL = "bench-sharded.bpmn";
    static final String PROCESS = "bench-sharded";
    static final int SHARDS = 64;
    /** The database the shards write to (the example handler's table {@code shard_sync}). */
    static final String DATABASE = "chronoflow_bench_sharded";

    private static final String LOCK_WAIT = "chronoflow_shard_lock_wait_seconds";
    private static final String TASKS = "chronoflow_worker_task_duration_seconds_count";
    private static final String TOPIC = "topic=\"" + ShardSync.TOPIC + "\"";
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final EngineCluster cluster;
    private final Options options;
    private final String metricsPassword;
    private final Progress progress;

    /**
     * One run.
     *
     * @param workers worker processes running.
     * @param threadsPerWorker handler threads of each.
     * @param shards shards of the job.
     * @param workSeconds how long each shard's handler sleeps before its write.
     * @param seconds the run's wall time, start to end, by the engine's history.
     * @param lockMillisPerShard time spent taking shard locks, over the shards.
     * @param rerun shard tasks a worker took but did not complete (lock lost or busy, failed), so that they ran again.
     * @param written shard rows this run wrote (all of them: {@code shards}).
     */
    record Sample(
            int workers,
            int threadsPerWorker,
            int shards,
            double workSeconds,
            double seconds,
            double lockMillisPerShard,
            int rerun,
            int written) {

        boolean complete() {
            return written == shards;
        }
    }

    ShardedScenario(EngineCluster cluster, Options options, String metricsPassword, Progress progress) {
        this.cluster = cluster;
        this.options = options;
        this.metricsPassword = metricsPassword;
        this.progress = progress;
    }

    /** Creates the shards' database afresh, with the example handler's table (before any worker starts). */
    static void createDatabase(Options options) {
        String url = options.dbServer() + DATABASE;
        PostgresDatabase.recreate(url, options.dbUser());
        try (Connection c = DriverManager.getConnection(url, options.dbUser(), "");
                Statement s = c.createStatement()) {
            s.execute(ShardSync.CREATE_TABLE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the sharded scenario's table", e);
        }
    }

    /** What a worker of this scenario needs: the example's database, the shard work, a scrape password. */
    static Map<String, String> workerEnv(Options options, String metricsPassword) {
        return Map.of(
                "CHRONOFLOW_EXAMPLE_DB_URL",
                options.dbServer() + DATABASE,
                "CHRONOFLOW_EXAMPLE_DB_USER",
                options.dbUser(),
                "CHRONOFLOW_EXAMPLE_SHARD_WORK",
                options.shardWork().toString(),
                // The example's pool opens connections as shards write, at most 4 per worker.
                "SPRING_DATASOURCE_HIKARI_MINIMUMIDLE",
                "1",
                "SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE",
                "4",
                "CHRONOFLOW_METRICS_PASSWORD",
                metricsPassword);
    }

    /**
     * One run that is not measured, so that the measured ones find the workers' shard-lock and database paths warm
     * (the first run after a start took a lock in 128 ms rather than 1).
     */
    void warmUp(WorkerFleet fleet) {
        progress.say("%s: sharded: a run to warm up, not measured", cluster.system());
        cluster.awaitEnd(start(fleet, "warm-up"), LIMIT);
    }

    Sample run(WorkerFleet fleet, int repetition) {
        List<WorkerFleet.Worker> workers = fleet.workers();
        int threads = workers.get(0).spec().capacity();
        progress.say(
                "%s: sharded: %d shards of %s on %d workers x %d threads",
                cluster.system(), SHARDS, options.shardWork(), workers.size(), threads);
        Counters before = counters(workers);
        String run = start(fleet, workers.size() + "-" + repetition);
        double seconds = cluster.awaitEnd(run, LIMIT);
        Counters done = counters(workers).minus(before);
        Sample sample = new Sample(
                workers.size(),
                threads,
                SHARDS,
                options.shardWork().toMillis() / 1000.0,
                seconds,
                done.locks() > 0 ? done.lockSeconds() * 1000 / SHARDS : Double.NaN,
                (int) Math.round(done.tasks() - done.completed()),
                written(run));
        progress.say(
                "%s: sharded on %d workers: %.2f s, %d of %d shards written, lock %.2f ms/shard, %d shard tasks run again",
                cluster.system(),
                sample.workers(),
                sample.seconds(),
                sample.written(),
                SHARDS,
                sample.lockMillisPerShard(),
                sample.rerun());
        return sample;
    }

    private String start(WorkerFleet fleet, String name) {
        return cluster.startSharded(PROCESS, "sharded-" + name, SHARDS);
    }

    private int written(String processInstanceId) {
        try (Connection c = DriverManager.getConnection(options.dbServer() + DATABASE, options.dbUser(), "")) {
            return (int) RowCount.of(c, "select count(*) from shard_sync where run_id = ?", processInstanceId);
        } catch (SQLException e) {
            throw new IllegalStateException("counting the shards' rows failed", e);
        }
    }

    /** What the workers count about shards: lock time, locks taken, shard tasks taken and completed. */
    private record Counters(double lockSeconds, double locks, double tasks, double completed) {

        Counters plus(Counters o) {
            return new Counters(lockSeconds + o.lockSeconds, locks + o.locks, tasks + o.tasks, completed + o.completed);
        }

        Counters minus(Counters o) {
            return plus(new Counters(-o.lockSeconds, -o.locks, -o.tasks, -o.completed));
        }
    }

    /** The workers' counters so far, summed, from their Prometheus endpoints. */
    private Counters counters(List<WorkerFleet.Worker> workers) {
        Counters sum = new Counters(0, 0, 0, 0);
        for (WorkerFleet.Worker worker : workers) {
            HttpResponse<String> metrics = EngineHttp.basic(worker.process().baseUrl(), "metrics", metricsPassword)
                    .get("/actuator/prometheus");
            if (metrics.statusCode() != 200) {
                throw new IllegalStateException(
                        worker.spec().id() + ": /actuator/prometheus answered HTTP " + metrics.statusCode());
            }
            String text = metrics.body();
            sum = sum.plus(new Counters(
                    PrometheusText.sum(text, LOCK_WAIT + "_sum"),
                    PrometheusText.sum(text, LOCK_WAIT + "_count"),
                    PrometheusText.sum(text, TASKS, TOPIC),
                    PrometheusText.sum(text, TASKS, TOPIC, "outcome=\"completed\"")));
        }
        return sum;
    }
}

package io.chronoflow.bench;

import java.util.List;
import java.util.Map;

/** The results as Markdown tables, with what was run and how. */
final class Report {

    private Report() {}

    static String markdown(Results results) {
        StringBuilder out = new StringBuilder();
        out.append("# Chronoflow benchmark (")
                .append(results.started())
                .append(results.quick() ? ", quick" : "")
                .append(")\n\n");
        out.append("%d CPUs; %d repetition%s: median, and min–max when there are several.\n\n"
                .formatted(results.cpus(), results.repeat(), results.repeat() == 1 ? "" : "s"));
        Map<String, String> load = results.loadAverage();
        out.append("Took %d min %d s; load average (1, 5, 15 min) %s at the start, %s at the end.\n\n"
                .formatted(results.seconds() / 60, results.seconds() % 60, load.get("start"), load.get("end")));
        if (results.quick()) {
            out.append("Quick run: smaller loads and shorter windows; camunda-defaults on one node; the idle wait"
                    + " overlaps the start of the worker fleet and the peers' drains, and the steady rate of 10/s runs"
                    + " on all systems side by side, so idle and steady 10/s lags include CPU contention; camunda-defaults'"
                    + " steady fires come in while the memory scenario runs; Chronoflow drains once, in one shape, on"
                    + " the fleet's first worker; camunda and camunda-tuned create their drain jobs while the others"
                    + " start and idle, and drain after the other peers; compare full runs only.\n\n");
        }
        if (!results.drain().isEmpty()) {
            drain(out, results);
        }
        if (!results.timers().isEmpty()) {
            timers(out, results.timers());
        }
        if (!results.dispatch().isEmpty()) {
            dispatch(out, results.dispatch());
        }
        if (!results.sharded().isEmpty()) {
            sharded(out, results);
        }
        if (!results.items().isEmpty()) {
            items(out, results);
        }
        if (!results.memory().isEmpty()) {
            memory(out, results.memory());
        }
        return out.toString();
    }

    private static void drain(StringBuilder out, Results results) {
        out.append("## Drain\n\n");
        out.append("Jobs created up front, then released and run to the end. Commits: `pg_stat_database.xact_commit`"
                + " of the system's own database while draining. CPU per job: the system's processes (the harness's"
                + " JVM, where the peers run, included) and the whole PostgreSQL server.\n\n");
        out.append("| system | jobs | jobs/s | ÷ raw SQL | ÷ db-scheduler | ÷ camunda-tuned | commits/job"
                + " | CPU ms/job, system | CPU ms/job, PostgreSQL |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, Map<String, Double>> ratios = results.drainRatios();
        for (DrainResult r : results.drain()) {
            out.append("| %s%s | %,d | %s | %s | %s | %s | %s | %s | %s |\n"
                    .formatted(
                            r.label(),
                            r.complete() ? "" : " (incomplete)",
                            r.jobs(),
                            r.jobsPerSecond().format(0),
                            ratio(ratios, SystemId.RAW_SQL, r.label()),
                            ratio(ratios, SystemId.DB_SCHEDULER, r.label()),
                            ratio(ratios, SystemId.CAMUNDA_TUNED, r.label()),
                            r.commitsPerJob().format(2),
                            r.systemCpuMillisPerJob().format(2),
                            r.postgresCpuMillisPerJob().format(2)));
        }
        out.append('\n');
        Results.Headline headline = results.drainHeadline();
        if (headline != null) {
            out.append("**Chronoflow ÷ camunda-tuned: %.2f** (%s, the fastest Chronoflow row, median jobs/s ÷ %s's;"
                    .formatted(headline.overCamundaTuned(), headline.chronoflow(), SystemId.CAMUNDA_TUNED));
            out.append(" the goal is at least 2 in the same run).\n\n");
        }
    }

    private static String ratio(Map<String, Map<String, Double>> ratios, String baseline, String label) {
        Double ratio = ratios.getOrDefault(baseline, Map.of()).get(label);
        return ratio == null ? "–" : "%.2f".formatted(ratio);
    }

    private static void timers(StringBuilder out, List<LagResult> timers) {
        out.append("## Timer lag\n\n");
        out.append("Lag = when the system ran the job (its own record) − the job's due instant, in milliseconds.\n\n");
        out.append("| scenario | system | fires | p50 | p95 | p99 | max | created < 1 s before due |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (LagResult r : timers) {
            out.append("| %s | %s | %s | %d |\n".formatted(r.scenario(), r.system(), lagCells(r), r.lateCreated()));
        }
        out.append('\n');
    }

    private static void dispatch(StringBuilder out, List<LagResult> dispatch) {
        out.append("## Dispatch\n\n");
        out.append("External task created (its activity's start in the engine's history) → the worker's handler starts"
                + " (its HTTP call reaches the harness) or the task is completed (the activity's end), in milliseconds;"
                + " the workers long-poll the first engine node, tasks are created alternately through it (same node)"
                + " and through the second (other node).\n\n");
        out.append("| measured | tasks | p50 | p95 | p99 | max |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        for (LagResult r : dispatch) {
            out.append("| %s | %s |\n".formatted(r.scenario(), lagCells(r)));
        }
        out.append('\n');
    }

    /** {@code fires | p50 | p95 | p99 | max}, fires as "n of m" when some are missing. */
    private static String lagCells(LagResult r) {
        String fires = r.fired() == r.expected()
                ? "%,d".formatted(r.expected())
                : "%,d of %,d".formatted(r.fired(), r.expected());
        return "%s | %s | %s | %s | %s"
                .formatted(
                        fires,
                        r.p50().format(0),
                        r.p95().format(0),
                        r.p99().format(0),
                        r.max().format(0));
    }

    private static void sharded(StringBuilder out, Results results) {
        out.append("## Sharded job\n\n");
        out.append(
                "One run of a job of 64 shards (fenced Redisson lock per shard, the example handler's work and fenced"
                        + " upsert per shard) on 4, 2 and 1 worker processes; wall time by the engine's history; ideal: the"
                        + " shards' work alone, in as many rounds as the threads need; lock: time taken to take the shard"
                        + " locks, per shard.\n\n");
        out.append("| workers × threads | shards | work per shard | wall time, s | ideal, s | speed-up vs 1 worker"
                + " | lock, ms per shard | shard tasks run again | shards written |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<Integer, Double> speedUps = results.shardedSpeedUps();
        for (ShardedResult r : results.sharded()) {
            ShardedScenario.Sample first = r.samples().get(0);
            Double speedUp = speedUps.get(r.workers());
            out.append("| %d × %d | %d | %.2f s | %s | %.2f | %s | %s | %d | %s |\n"
                    .formatted(
                            r.workers(),
                            first.threadsPerWorker(),
                            first.shards(),
                            first.workSeconds(),
                            r.seconds().format(2),
                            r.idealSeconds(),
                            speedUp == null || speedUp.isNaN() ? "–" : "%.2f".formatted(speedUp),
                            r.lockMillisPerShard().format(2),
                            r.rerun(),
                            r.complete() ? "all" : "not all"));
        }
        out.append('\n');
    }

    private static void items(StringBuilder out, Results results) {
        out.append("## Items\n\n");
        out.append(
                "A job of N work items, each the update of one row of `items` (PostgreSQL, the system's own database):"
                        + " Chronoflow as one sharded job whose shards write their id ranges in fenced batches (one transaction"
                        + " each), db-scheduler as one one-time task per item. Items/s: N ÷ the time from the release to the"
                        + " last item's `processed_at`; written once: items whose write count is exactly 1. Commits: all of the"
                        + " system's databases; CPU: its processes (the harness's JVM included) and the whole PostgreSQL"
                        + " server.\n\n");
        out.append("| system | how | items | items/s | ÷ db-scheduler | own wall time, s | commits/item"
                + " | CPU ms/item, system | CPU ms/item, PostgreSQL | written once |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        ItemsResult baseline = results.items().stream()
                .filter(r -> r.system().equals(SystemId.DB_SCHEDULER))
                .findFirst()
                .orElse(null);
        for (ItemsResult r : results.items()) {
            double ratio = ItemsResult.ratio(r, baseline);
            out.append("| %s | %s | %,d | %s | %s | %s | %s | %s | %s | %s |\n"
                    .formatted(
                            r.system(),
                            r.shape(),
                            r.items(),
                            r.itemsPerSecond().format(0),
                            Double.isNaN(ratio) ? "–" : "%.2f".formatted(ratio),
                            r.ownSeconds().format(2),
                            r.commitsPerItem().format(3),
                            r.systemCpuMillisPerItem().format(3),
                            r.postgresCpuMillisPerItem().format(3),
                            r.complete() ? "all" : "NOT all"));
        }
        Double ratio = results.itemsRatio();
        out.append(
                ratio == null
                        ? "\nChronoflow ÷ db-scheduler: – (needs both).\n\n"
                        : "\nChronoflow ÷ db-scheduler, items/s: **%.2f** (goal: at least 1.0).\n\n".formatted(ratio));
    }

    private static void memory(StringBuilder out, List<MemoryScenario.Sample> memory) {
        out.append("## Memory\n\n");
        out.append("Engine heap used after a full garbage collection (jcmd GC.run, GC.heap_info), before and after"
                + " scheduling timers due in ten years.\n\n");
        out.append("| engine node | timers | before, MiB | after, MiB | growth, MiB | bytes per timer |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        for (MemoryScenario.Sample m : memory) {
            out.append("| %s | %,d | %.1f | %.1f | %+.1f | %+.0f |\n"
                    .formatted(m.node(), m.timers(), m.beforeMib(), m.afterMib(), m.growthMib(), m.bytesPerTimer()));
        }
        out.append('\n');
    }
}

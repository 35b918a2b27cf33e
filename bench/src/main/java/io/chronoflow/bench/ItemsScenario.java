package io.chronoflow.bench;

import java.time.Duration;
import java.time.Instant;

/**
 * Items: a job of {@code N} work items, each the update of one row of a table {@code items} on the local PostgreSQL.
 * Chronoflow runs one sharded job over them ({@link ChronoflowItems}), db-scheduler one one-time task per item ({@link
 * DbSchedulerItems}). Measures items per second from the release until the harness sees the system done (Chronoflow's
 * run ended, db-scheduler's last task gone; polled every {@value #POLL_MILLIS} ms, the same for both): the last item's
 * {@code processed_at} would flatter a system that writes many items per transaction, whose rows all carry the
 * transaction's start,
 * checks that every item was written exactly once ({@code writes = 1}), and counts commits ({@code
 * pg_stat_database.xact_commit} of the system's databases) and CPU (its processes and the PostgreSQL server) per item.
 */
final class ItemsScenario {

    /** How often the harness asks whether the system is done (each time one transaction, subtracted from the commits). */
    private static final int POLL_MILLIS = 50;

    private static final Duration POLL = Duration.ofMillis(POLL_MILLIS);
    /** Backends report their transaction counts at most once a second. */
    private static final Duration STATS_SETTLE = Duration.ofSeconds(3);
    /** A run that has not written every item by then is reported as incomplete. */
    private static final Duration LIMIT = Duration.ofMinutes(30);

    private final DatabaseStats stats;
    private final Progress progress;

    ItemsScenario(DatabaseStats stats, Progress progress) {
        this.stats = stats;
        this.progress = progress;
    }

    ItemsSample run(ItemsTarget target, int items) {
        progress.say("%s: items: %,d items, %s", target.system(), items, target.shape());
        long loadStart = System.nanoTime();
        target.load(items);
        progress.say("%s: items: ready in %.1f s; released", target.system(), (System.nanoTime() - loadStart) / 1e9);
        DrainScenario.pause(STATS_SETTLE);
        long commitsBefore = commits(target);
        Duration postgresBefore = CpuTime.postgres();
        Duration systemBefore = systemCpu(target);
        Instant released = Instant.now();
        long start = System.nanoTime();
        target.release();
        int queries = 0;
        boolean finished = false;
        long nextReport = start + Duration.ofSeconds(5).toNanos();
        Instant limit = released.plus(LIMIT);
        long end = start;
        while (!finished && Instant.now().isBefore(limit)) {
            DrainScenario.pause(POLL);
            finished = target.finished();
            end = System.nanoTime();
            queries++;
            if (!finished && System.nanoTime() > nextReport) {
                long written = target.table().written();
                queries++;
                progress.say(
                        "%s: items: %,d of %,d written (%.0f items/s so far)",
                        target.system(), written, items, written / ((System.nanoTime() - start) / 1e9));
                nextReport += Duration.ofSeconds(5).toNanos();
            }
        }
        ItemTable.Counts counts = target.table().counts();
        queries++;
        Duration systemCpu = systemCpu(target).minus(systemBefore);
        Duration postgresCpu = CpuTime.postgres().minus(postgresBefore);
        target.close();
        DrainScenario.pause(target.reportDelay());
        long commits = commits(target) - commitsBefore - queries;
        ItemsSample sample = new ItemsSample(
                target.system(),
                target.shape(),
                items,
                finished && counts.lastWritten() != null ? (end - start) / 1e9 : Double.NaN,
                target.ownSeconds(),
                commits,
                systemCpu.toNanos() / 1e6,
                postgresCpu.isNegative() ? Double.NaN : postgresCpu.toNanos() / 1e6,
                counts.once(),
                counts.moreThanOnce());
        progress.say(
                "%s: items: %s%.0f items/s, %,d of %,d written once (%,d more than once), %.3f commits/item,"
                        + " CPU %.3f ms/item (system) + %.3f ms/item (PostgreSQL)",
                target.system(),
                sample.complete() ? "" : "INCOMPLETE ",
                sample.itemsPerSecond(),
                sample.writtenOnce(),
                items,
                sample.writtenMoreThanOnce(),
                sample.commitsPerItem(),
                sample.systemCpuMillisPerItem(),
                sample.postgresCpuMillisPerItem());
        return sample;
    }

    private long commits(ItemsTarget target) {
        return target.databases().stream().mapToLong(stats::commits).sum();
    }

    private static Duration systemCpu(ItemsTarget target) {
        return CpuTime.benchJvm().plus(CpuTime.of(target.processes()));
    }
}

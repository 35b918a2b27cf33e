package io.chronoflow.bench;

import java.time.Duration;
import java.time.Instant;

/**
 * Drain: {@code jobs} one-shot jobs created up front (held), then released and run to the end. Measures jobs per second
 * from release to the last job finished, commits per job ({@code pg_stat_database.xact_commit} of the system's own
 * database) and CPU per job (the system's processes and the whole PostgreSQL server, from {@code /proc}).
 */
final class DrainScenario {

    /** How often the harness asks how many jobs are left (each time one transaction, subtracted from the commits). */
    private static final Duration POLL = Duration.ofMillis(50);
    /** Backends report their transaction counts at most once a second (at once when they exit). */
    private static final Duration STATS_SETTLE = Duration.ofSeconds(3);
    /** A drain that has not finished by then is reported as incomplete. */
    private static final Duration LIMIT = Duration.ofMinutes(60);

    private final DatabaseStats stats;
    private final Progress progress;

    DrainScenario(DatabaseStats stats, Progress progress) {
        this.stats = stats;
        this.progress = progress;
    }

    DrainSample run(DrainTarget target, int jobs) {
        progress.say("%s: drain of %d jobs", target.label(), jobs);
        long loadStart = System.nanoTime();
        target.load(jobs);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        target.reportCommits();
        pause(STATS_SETTLE);
        long commitsBefore = stats.commits(target.database());
        Duration postgresBefore = CpuTime.postgres();
        Duration benchBefore = CpuTime.benchJvm();
        Duration processesBefore = CpuTime.of(target.processes());
        long start = System.nanoTime();
        progress.say("%s: drain: %d jobs held, ready in %.1f s; released", target.label(), jobs, loadSeconds);
        target.release();
        long polls = 0;
        long remaining = jobs;
        long nextReport = start + Duration.ofSeconds(5).toNanos();
        Instant limit = Instant.now().plus(LIMIT);
        while (remaining > 0 && Instant.now().isBefore(limit)) {
            pause(POLL);
            remaining = target.remaining();
            polls++;
            if (System.nanoTime() > nextReport) {
                double s = (System.nanoTime() - start) / 1e9;
                progress.say(
                        "%s: drain: %d of %d done (%.0f jobs/s so far)",
                        target.label(), jobs - remaining, jobs, (jobs - remaining) / s);
                nextReport += Duration.ofSeconds(5).toNanos();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Duration benchCpu = CpuTime.benchJvm().minus(benchBefore);
        Duration systemCpu = benchCpu.plus(CpuTime.of(target.processes()).minus(processesBefore));
        Duration postgresCpu = CpuTime.postgres().minus(postgresBefore);
        // Stopping the system closes its connections (in-process peers) or its workers, so that its backends report.
        target.close();
        pause(target.reportDelay());
        long commits = stats.commits(target.database()) - commitsBefore - polls;
        DrainSample sample = new DrainSample(
                jobs,
                seconds,
                loadSeconds,
                commits,
                millis(benchCpu),
                millis(systemCpu),
                postgresCpu.isNegative() ? Double.NaN : millis(postgresCpu),
                remaining == 0);
        progress.say(
                "%s: drain: %s%.0f jobs/s, %.2f commits/job, CPU %.2f ms/job (system) + %.2f ms/job (PostgreSQL)",
                target.label(),
                sample.complete() ? "" : "INCOMPLETE (" + remaining + " left) ",
                sample.jobsPerSecond(),
                sample.commitsPerJob(),
                sample.systemCpuMillisPerJob(),
                sample.postgresCpuMillisPerJob());
        return sample;
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

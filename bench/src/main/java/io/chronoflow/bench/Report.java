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
        if (results.quick()) {
            out.append("Quick run: smaller loads and shorter windows, and the idle wait overlaps the peers' drains, so"
                    + " idle lags include CPU contention; compare full runs only.\n\n");
        }
        if (!results.drain().isEmpty()) {
            drain(out, results);
        }
        if (!results.timers().isEmpty()) {
            timers(out, results.timers());
        }
        return out.toString();
    }

    private static void drain(StringBuilder out, Results results) {
        out.append("## Drain\n\n");
        out.append("Jobs created up front, then released and run to the end. Commits: `pg_stat_database.xact_commit`"
                + " of the system's own database while draining. CPU per job: the system's processes (the harness's"
                + " JVM, where the peers run, included) and the whole PostgreSQL server.\n\n");
        out.append("| system | jobs | jobs/s | ÷ raw SQL | ÷ db-scheduler | commits/job | CPU ms/job, system"
                + " | CPU ms/job, PostgreSQL |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, Map<String, Double>> ratios = results.drainRatios();
        for (DrainResult r : results.drain()) {
            out.append("| %s%s | %,d | %s | %s | %s | %s | %s | %s |\n"
                    .formatted(
                            r.label(),
                            r.complete() ? "" : " (incomplete)",
                            r.jobs(),
                            r.jobsPerSecond().format(0),
                            ratio(ratios, SystemId.RAW_SQL, r.label()),
                            ratio(ratios, SystemId.DB_SCHEDULER, r.label()),
                            r.commitsPerJob().format(2),
                            r.systemCpuMillisPerJob().format(2),
                            r.postgresCpuMillisPerJob().format(2)));
        }
        out.append('\n');
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
            String fires = r.fired() == r.expected()
                    ? "%,d".formatted(r.expected())
                    : "%,d of %,d".formatted(r.fired(), r.expected());
            out.append("| %s | %s | %s | %s | %s | %s | %s | %d |\n"
                    .formatted(
                            r.scenario(),
                            r.system(),
                            fires,
                            r.p50().format(0),
                            r.p95().format(0),
                            r.p99().format(0),
                            r.max().format(0),
                            r.lateCreated()));
        }
        out.append('\n');
    }
}

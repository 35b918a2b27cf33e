package io.chronoflow.bench;

import java.time.Instant;
import java.util.List;

/** The results as a Markdown table, with what was run and where. */
final class Report {

    private Report() {}

    static String markdown(Options options, List<TimerLagScenario.Result> results) {
        StringBuilder out = new StringBuilder();
        out.append("## Timer lag (")
                .append(Instant.now())
                .append(options.quick() ? ", quick" : "")
                .append(")\n\n");
        out.append("Each system: ")
                .append(Bench.NODES)
                .append(" engine nodes (real processes) on one PostgreSQL database; lag = fire time - due time.\n\n");
        out.append("| scenario | system | fires | p50 ms | p95 ms | p99 ms | max ms | created < 1 s before due |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (TimerLagScenario.Result r : results) {
            String fires = r.lag().count() == r.expected()
                    ? Integer.toString(r.expected())
                    : r.lag().count() + " of " + r.expected();
            out.append("| %s | %s | %s | %d | %d | %d | %d | %d |\n"
                    .formatted(
                            r.scenario(),
                            r.system(),
                            fires,
                            r.lag().p50(),
                            r.lag().p95(),
                            r.lag().p99(),
                            r.lag().max(),
                            r.lateCreated()));
        }
        return out.toString();
    }
}

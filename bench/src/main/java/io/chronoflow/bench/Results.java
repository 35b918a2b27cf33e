package io.chronoflow.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run of the harness measured, grouped by system and scenario; written as results.json. */
final class Results {

    private final Instant started = Instant.now();
    private final boolean quick;
    private final int repeat;
    private final Map<String, DrainResult> drain = new LinkedHashMap<>();
    private final Map<String, LagResult> timers = new LinkedHashMap<>();

    Results(boolean quick, int repeat) {
        this.quick = quick;
        this.repeat = repeat;
    }

    void add(String label, String system, DrainSample sample) {
        drain.compute(label, (k, r) -> {
            List<DrainSample> samples = new ArrayList<>(r == null ? List.of() : r.samples());
            samples.add(sample);
            return new DrainResult(label, system, sample.jobs(), samples);
        });
    }

    void add(TimerLagScenario.Result run) {
        timers.compute(run.scenario() + "|" + run.system(), (k, r) -> {
            List<TimerLagScenario.Result> runs = new ArrayList<>(r == null ? List.of() : r.runs());
            runs.add(run);
            return new LagResult(run.scenario(), run.system(), runs);
        });
    }

    @JsonProperty
    String started() {
        return started.toString();
    }

    @JsonProperty
    boolean quick() {
        return quick;
    }

    @JsonProperty
    int repeat() {
        return repeat;
    }

    @JsonProperty
    int cpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** In the order of {@link Options#SYSTEMS}, then as measured. */
    @JsonProperty
    List<DrainResult> drain() {
        return drain.values().stream()
                .sorted(Comparator.comparingInt(r -> Options.SYSTEMS.indexOf(r.system())))
                .toList();
    }

    @JsonProperty
    List<LagResult> timers() {
        return List.copyOf(timers.values());
    }

    /** Median drain jobs/s of each row divided by that of {@code baseline}'s (first) row; absent without one. */
    @JsonProperty
    Map<String, Map<String, Double>> drainRatios() {
        Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
        for (String baseline : List.of(SystemId.RAW_SQL, SystemId.DB_SCHEDULER)) {
            Map<String, Double> row = new LinkedHashMap<>();
            drain.values().stream()
                    .filter(r -> r.system().equals(baseline))
                    .findFirst()
                    .filter(b -> b.jobsPerSecond().median() > 0)
                    .ifPresent(b -> drain.values()
                            .forEach(r -> row.put(
                                    r.label(),
                                    r.jobsPerSecond().median()
                                            / b.jobsPerSecond().median())));
            if (!row.isEmpty()) {
                ratios.put(baseline, row);
            }
        }
        return ratios;
    }
}

package io.chronoflow.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one run of the harness measured, grouped by system and scenario; written as results.json. Thread-safe: an
 * interrupted run's shutdown hook writes it while the scenario threads may still add to it.
 */
final class Results {

    /** The systems every drain row is divided by, in the report's column order. */
    static final List<String> DRAIN_BASELINES =
            List.of(SystemId.RAW_SQL, SystemId.DB_SCHEDULER, SystemId.CAMUNDA_TUNED);

    private final Instant started = Instant.now();
    private final String loadAtStart = LoadAverage.now();
    private Instant finished;
    private String loadAtEnd;
    private final boolean quick;
    private final int repeat;
    private final Map<String, DrainResult> drain = new LinkedHashMap<>();
    private final Map<String, LagResult> timers = new LinkedHashMap<>();
    private final Map<String, LagResult> dispatch = new LinkedHashMap<>();
    /** By worker processes, most first. */
    private final Map<Integer, ShardedResult> sharded = new TreeMap<>(Comparator.reverseOrder());

    /** By system, as measured. */
    private final Map<String, ItemsResult> items = new LinkedHashMap<>();

    private final List<MemoryScenario.Sample> memory = new ArrayList<>();

    Results(boolean quick, int repeat) {
        this.quick = quick;
        this.repeat = repeat;
    }

    synchronized void add(String label, String system, DrainSample sample) {
        drain.compute(label, (k, r) -> {
            List<DrainSample> samples = new ArrayList<>(r == null ? List.of() : r.samples());
            samples.add(sample);
            return new DrainResult(label, system, sample.jobs(), samples);
        });
    }

    synchronized void add(TimerLagScenario.Result run) {
        addTo(timers, run);
    }

    /** A dispatch measurement: one path (same node, other node) and one end point (handler starts, completed). */
    synchronized void addDispatch(TimerLagScenario.Result run) {
        addTo(dispatch, run);
    }

    synchronized void add(ShardedScenario.Sample sample) {
        sharded.compute(sample.workers(), (k, r) -> {
            List<ShardedScenario.Sample> samples = new ArrayList<>(r == null ? List.of() : r.samples());
            samples.add(sample);
            return new ShardedResult(sample.workers(), samples);
        });
    }

    synchronized void add(ItemsSample sample) {
        items.compute(sample.system(), (k, r) -> {
            List<ItemsSample> samples = new ArrayList<>(r == null ? List.of() : r.samples());
            samples.add(sample);
            return new ItemsResult(sample.system(), sample.shape(), sample.items(), samples);
        });
    }

    synchronized void add(MemoryScenario.Sample sample) {
        memory.add(sample);
    }

    private static void addTo(Map<String, LagResult> results, TimerLagScenario.Result run) {
        results.compute(run.scenario() + "|" + run.system(), (k, r) -> {
            List<TimerLagScenario.Result> runs = new ArrayList<>(r == null ? List.of() : r.runs());
            runs.add(run);
            return new LagResult(run.scenario(), run.system(), runs);
        });
    }

    @JsonProperty
    String started() {
        return started.toString();
    }

    /** Marks the end of the run (before the results are written): its duration and the load average then. */
    synchronized void finish() {
        finished = Instant.now();
        loadAtEnd = LoadAverage.now();
    }

    /** Seconds from the start to {@link #finish()}; 0 before. */
    @JsonProperty
    synchronized long seconds() {
        return finished == null ? 0 : Duration.between(started, finished).toSeconds();
    }

    /** The load average (1, 5, 15 minutes) at the start and at the end of the run. */
    @JsonProperty
    synchronized Map<String, String> loadAverage() {
        Map<String, String> load = new LinkedHashMap<>();
        load.put("start", loadAtStart);
        load.put("end", loadAtEnd == null ? "unknown" : loadAtEnd);
        return load;
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
    synchronized List<DrainResult> drain() {
        return drain.values().stream()
                .sorted(Comparator.comparingInt(r -> Options.SYSTEMS.indexOf(r.system())))
                .toList();
    }

    @JsonProperty
    synchronized List<LagResult> timers() {
        return List.copyOf(timers.values());
    }

    @JsonProperty
    synchronized List<LagResult> dispatch() {
        return List.copyOf(dispatch.values());
    }

    @JsonProperty
    synchronized List<ShardedResult> sharded() {
        return List.copyOf(sharded.values());
    }

    /** Median wall time on one worker ÷ that on each number of workers; absent without a one-worker row. */
    @JsonProperty
    synchronized Map<Integer, Double> shardedSpeedUps() {
        Map<Integer, Double> speedUps = new LinkedHashMap<>();
        ShardedResult one = sharded.get(1);
        if (one != null) {
            sharded.values().forEach(r -> speedUps.put(r.workers(), r.speedUpOver(one)));
        }
        return speedUps;
    }

    /** In the order of {@link Options#SYSTEMS}. */
    @JsonProperty
    synchronized List<ItemsResult> items() {
        return items.values().stream()
                .sorted(Comparator.comparingInt(r -> Options.SYSTEMS.indexOf(r.system())))
                .toList();
    }

    /** Median items/s of Chronoflow ÷ that of db-scheduler; null without both (the goal is at least 1). */
    @JsonProperty
    synchronized Double itemsRatio() {
        double ratio = ItemsResult.ratio(items.get(SystemId.CHRONOFLOW), items.get(SystemId.DB_SCHEDULER));
        return Double.isNaN(ratio) ? null : ratio;
    }

    @JsonProperty
    synchronized List<MemoryScenario.Sample> memory() {
        return List.copyOf(memory);
    }

    /** Median drain jobs/s of each row divided by that of {@code baseline}'s (first) row; absent without one. */
    @JsonProperty
    synchronized Map<String, Map<String, Double>> drainRatios() {
        Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
        for (String baseline : DRAIN_BASELINES) {
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

    /** The fastest Chronoflow drain row (median jobs/s) and its ratio to camunda-tuned's. */
    record Headline(String chronoflow, double overCamundaTuned) {}

    /** Chronoflow ÷ camunda-tuned, the drain's goal (at least 2, same run); null without both. */
    @JsonProperty
    synchronized Headline drainHeadline() {
        Map<String, Double> overTuned = drainRatios().get(SystemId.CAMUNDA_TUNED);
        if (overTuned == null) {
            return null;
        }
        return drain.values().stream()
                .filter(r -> r.system().equals(SystemId.CHRONOFLOW))
                .max(Comparator.comparingDouble(r -> r.jobsPerSecond().median()))
                .map(r -> new Headline(r.label(), overTuned.get(r.label())))
                .orElse(null);
    }
}

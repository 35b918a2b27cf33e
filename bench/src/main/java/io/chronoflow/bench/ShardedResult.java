package io.chronoflow.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Every run of the sharded job on one number of worker processes, one sample per repetition. */
record ShardedResult(int workers, List<ShardedScenario.Sample> samples) {

    @JsonProperty
    Spread seconds() {
        return spread(ShardedScenario.Sample::seconds);
    }

    @JsonProperty
    Spread lockMillisPerShard() {
        return spread(ShardedScenario.Sample::lockMillisPerShard);
    }

    /**
     * The wall time if shards cost nothing but their work: as many rounds of the work as it takes all threads to get
     * through the shards.
     */
    @JsonProperty
    double idealSeconds() {
        ShardedScenario.Sample first = samples.get(0);
        return idealSeconds(first.shards(), first.workers() * first.threadsPerWorker(), first.workSeconds());
    }

    /** Shard tasks run again, over all repetitions. */
    @JsonProperty
    int rerun() {
        return samples.stream().mapToInt(ShardedScenario.Sample::rerun).sum();
    }

    @JsonProperty
    boolean complete() {
        return samples.stream().allMatch(ShardedScenario.Sample::complete);
    }

    static double idealSeconds(int shards, int threads, double workSeconds) {
        return Math.ceil((double) shards / threads) * workSeconds;
    }

    /** How many times faster than {@code baseline} (medians); NaN when either is unknown. */
    double speedUpOver(ShardedResult baseline) {
        return speedUp(baseline.seconds().median(), seconds().median());
    }

    static double speedUp(double baselineSeconds, double seconds) {
        if (!(baselineSeconds > 0) || !(seconds > 0)) {
            return Double.NaN;
        }
        return baselineSeconds / seconds;
    }

    private Spread spread(ToDoubleFunction<ShardedScenario.Sample> value) {
        return Spread.of(samples.stream().map(value::applyAsDouble).toList());
    }
}

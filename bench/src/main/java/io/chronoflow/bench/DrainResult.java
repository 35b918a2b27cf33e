package io.chronoflow.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Every drain of one system (or Chronoflow shape), one sample per repetition. */
record DrainResult(String label, String system, int jobs, List<DrainSample> samples) {

    @JsonProperty
    Spread jobsPerSecond() {
        return spread(DrainSample::jobsPerSecond);
    }

    @JsonProperty
    Spread commitsPerJob() {
        return spread(DrainSample::commitsPerJob);
    }

    @JsonProperty
    Spread systemCpuMillisPerJob() {
        return spread(DrainSample::systemCpuMillisPerJob);
    }

    @JsonProperty
    Spread postgresCpuMillisPerJob() {
        return spread(DrainSample::postgresCpuMillisPerJob);
    }

    @JsonProperty
    boolean complete() {
        return samples.stream().allMatch(DrainSample::complete);
    }

    private Spread spread(ToDoubleFunction<DrainSample> value) {
        return Spread.of(samples.stream().map(value::applyAsDouble).toList());
    }
}

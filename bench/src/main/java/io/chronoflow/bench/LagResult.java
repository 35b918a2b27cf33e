package io.chronoflow.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.function.ToLongFunction;

/** Every run of one timer-lag scenario on one system, one per repetition. */
record LagResult(String scenario, String system, List<TimerLagScenario.Result> runs) {

    @JsonProperty
    Spread p50() {
        return spread(LagStats::p50);
    }

    @JsonProperty
    Spread p95() {
        return spread(LagStats::p95);
    }

    @JsonProperty
    Spread p99() {
        return spread(LagStats::p99);
    }

    @JsonProperty
    Spread max() {
        return spread(LagStats::max);
    }

    @JsonProperty
    int expected() {
        return runs.stream().mapToInt(TimerLagScenario.Result::expected).sum();
    }

    @JsonProperty
    int fired() {
        return runs.stream().mapToInt(r -> r.lag().count()).sum();
    }

    @JsonProperty
    int lateCreated() {
        return runs.stream().mapToInt(TimerLagScenario.Result::lateCreated).sum();
    }

    private Spread spread(ToLongFunction<LagStats> value) {
        return Spread.of(
                runs.stream().map(r -> (double) value.applyAsLong(r.lag())).toList());
    }
}

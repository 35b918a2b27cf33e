package io.chronoflow.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Every run of the items scenario on one system, one sample per repetition. */
record ItemsResult(String system, String shape, int items, List<ItemsSample> samples) {

    @JsonProperty
    Spread itemsPerSecond() {
        return spread(ItemsSample::itemsPerSecond);
    }

    @JsonProperty
    Spread ownSeconds() {
        return spread(ItemsSample::ownSeconds);
    }

    @JsonProperty
    Spread commitsPerItem() {
        return spread(ItemsSample::commitsPerItem);
    }

    @JsonProperty
    Spread systemCpuMillisPerItem() {
        return spread(ItemsSample::systemCpuMillisPerItem);
    }

    @JsonProperty
    Spread postgresCpuMillisPerItem() {
        return spread(ItemsSample::postgresCpuMillisPerItem);
    }

    /** Every item of every repetition written exactly once. */
    @JsonProperty
    boolean complete() {
        return samples.stream().allMatch(ItemsSample::complete);
    }

    /** Median items/s of {@code result} ÷ that of {@code baseline}; NaN when either is missing or zero. */
    static double ratio(ItemsResult result, ItemsResult baseline) {
        if (result == null || baseline == null) {
            return Double.NaN;
        }
        double base = baseline.itemsPerSecond().median();
        double value = result.itemsPerSecond().median();
        return base > 0 && value > 0 ? value / base : Double.NaN;
    }

    private Spread spread(ToDoubleFunction<ItemsSample> value) {
        return Spread.of(samples.stream().map(value::applyAsDouble).toList());
    }
}

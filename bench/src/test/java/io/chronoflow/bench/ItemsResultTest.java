package io.chronoflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ItemsResultTest {

    static ItemsSample sample(String system, double seconds, long once, long more) {
        return new ItemsSample(system, "how", 5_000, seconds, Double.NaN, 100, 2_500, 1_000, once, more);
    }

    private static ItemsResult result(String system, double... seconds) {
        return new ItemsResult(
                system,
                "how",
                5_000,
                java.util.Arrays.stream(seconds)
                        .mapToObj(s -> sample(system, s, 5_000, 0))
                        .toList());
    }

    @Test
    void perItemFiguresDivideByTheItems() {
        ItemsSample s = sample(SystemId.CHRONOFLOW, 0.5, 5_000, 0);
        assertThat(s.itemsPerSecond()).isEqualTo(10_000);
        assertThat(s.commitsPerItem()).isEqualTo(0.02);
        assertThat(s.systemCpuMillisPerItem()).isEqualTo(0.5);
        assertThat(s.postgresCpuMillisPerItem()).isEqualTo(0.2);
        assertThat(s.complete()).isTrue();
    }

    @Test
    void anItemMissingOrWrittenTwiceMakesTheRunIncomplete() {
        assertThat(sample(SystemId.CHRONOFLOW, 1, 4_999, 0).complete()).isFalse();
        assertThat(sample(SystemId.CHRONOFLOW, 1, 4_999, 1).complete()).isFalse();
        ItemsResult result = new ItemsResult(
                SystemId.CHRONOFLOW,
                "how",
                5_000,
                List.of(sample(SystemId.CHRONOFLOW, 1, 5_000, 0), sample(SystemId.CHRONOFLOW, 1, 4_000, 0)));
        assertThat(result.complete()).isFalse();
    }

    @Test
    void theRatioIsMedianOverMedianAndUnknownWithoutBoth() {
        ItemsResult chronoflow = result(SystemId.CHRONOFLOW, 0.5, 1.0, 0.25); // median 10,000 items/s
        ItemsResult dbScheduler = result(SystemId.DB_SCHEDULER, 2.5, 5.0); // median (2,000 + 1,000) / 2 = 1,500
        assertThat(ItemsResult.ratio(chronoflow, dbScheduler)).isCloseTo(10_000 / 1_500.0, within());
        assertThat(ItemsResult.ratio(dbScheduler, chronoflow)).isCloseTo(0.15, within());
        assertThat(ItemsResult.ratio(chronoflow, null)).isNaN();
        assertThat(ItemsResult.ratio(null, dbScheduler)).isNaN();
        assertThat(ItemsResult.ratio(chronoflow, result(SystemId.DB_SCHEDULER, Double.NaN)))
                .isNaN();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}

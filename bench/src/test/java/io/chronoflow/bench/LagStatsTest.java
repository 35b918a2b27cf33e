package io.chronoflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagStatsTest {

    @Test
    void percentilesAreNearestRankOverUnsortedInput() {
        List<Long> lags = new ArrayList<>();
        for (long i = 1; i <= 200; i++) {
            lags.add(i);
        }
        Collections.shuffle(lags);
        LagStats stats = LagStats.of(lags);
        assertThat(stats.count()).isEqualTo(200);
        assertThat(stats.p50()).isEqualTo(100);
        assertThat(stats.p95()).isEqualTo(190);
        assertThat(stats.p99()).isEqualTo(198);
        assertThat(stats.max()).isEqualTo(200);
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        assertThat(LagStats.of(List.of(42L))).isEqualTo(new LagStats(1, 42, 42, 42, 42));
    }

    @Test
    void noSamplesReportZeroCount() {
        assertThat(LagStats.of(List.of()).count()).isZero();
    }
}

package io.chronoflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemorySampleTest {

    @Test
    void growthIsInMibAndPerTimerInBytes() {
        MemoryScenario.Sample sample = new MemoryScenario.Sample("node 1", 10_000, 102_400, 112_400);
        assertThat(sample.beforeMib()).isEqualTo(100.0);
        assertThat(sample.growthMib()).isEqualTo(10_000 / 1024.0);
        assertThat(sample.bytesPerTimer()).isEqualTo(1024.0);
    }

    @Test
    void aShrinkingHeapGivesANegativeFigureAndNoTimersNone() {
        assertThat(new MemoryScenario.Sample("node 2", 1_000, 2_000, 1_000).bytesPerTimer())
                .isEqualTo(-1024.0);
        assertThat(new MemoryScenario.Sample("node 2", 0, 2_000, 1_000).bytesPerTimer())
                .isNaN();
    }
}

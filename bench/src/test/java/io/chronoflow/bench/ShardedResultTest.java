package io.chronoflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShardedResultTest {

    private static ShardedScenario.Sample run(int workers, double seconds) {
        return new ShardedScenario.Sample(workers, 8, 64, 0.5, seconds, 0.7, 0, 64);
    }

    @Test
    void idealWallTimeIsTheWorkInAsManyRoundsAsTheThreadsNeed() {
        assertThat(ShardedResult.idealSeconds(64, 8, 0.5)).isEqualTo(4.0);
        assertThat(ShardedResult.idealSeconds(64, 32, 0.5)).isEqualTo(1.0);
        assertThat(ShardedResult.idealSeconds(64, 24, 2)).isEqualTo(6.0); // 3 rounds, the last one not full
        assertThat(new ShardedResult(2, List.of(run(2, 3))).idealSeconds()).isEqualTo(2.0);
    }

    @Test
    void speedUpIsTheOneWorkerMedianOverTheMedianAndUnknownWithoutEither() {
        assertThat(ShardedResult.speedUp(8, 2)).isEqualTo(4.0);
        assertThat(ShardedResult.speedUp(Double.NaN, 2)).isNaN();
        assertThat(ShardedResult.speedUp(8, 0)).isNaN();
    }

    @Test
    void resultsListMostWorkersFirstWithSpeedUpsOverOneWorker() {
        Results results = new Results(false, 3);
        for (double s : new double[] {9, 8, 10}) {
            results.add(run(1, s));
        }
        results.add(run(4, 2.5));
        results.add(run(2, 4));
        results.add(run(4, 2));
        results.add(run(4, 3));
        assertThat(results.sharded()).extracting(ShardedResult::workers).containsExactly(4, 2, 1);
        assertThat(results.sharded().get(0).seconds().median()).isEqualTo(2.5);
        assertThat(results.shardedSpeedUps()).containsEntry(1, 1.0).containsEntry(2, 2.25);
        assertThat(results.shardedSpeedUps().get(4)).isCloseTo(3.6, within(1e-9));
    }

    @Test
    void withoutAOneWorkerRunThereAreNoSpeedUps() {
        Results results = new Results(true, 1);
        results.add(run(4, 2));
        assertThat(results.shardedSpeedUps()).isEmpty();
        assertThat(Report.markdown(results)).contains("| 4 × 8 | 64 | 0.50 s | 2.00 | 1.00 | – | 0.70 | 0 | all |");
    }

    @Test
    void aRunThatDidNotWriteEveryShardIsIncomplete() {
        ShardedResult result =
                new ShardedResult(1, List.of(run(1, 5), new ShardedScenario.Sample(1, 8, 64, 0.5, 6, 0.7, 0, 63)));
        assertThat(result.complete()).isFalse();
    }
}

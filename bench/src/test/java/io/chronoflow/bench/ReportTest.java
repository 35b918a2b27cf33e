package io.chronoflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static DrainSample drain(double jobsPerSecond) {
        return new DrainSample(1000, 1000 / jobsPerSecond, 1, 2000, 100, 500, 800, true);
    }

    private static Results results() {
        Results results = new Results(false, 3);
        for (double rate : new double[] {1000, 1200, 800}) {
            results.add("raw-sql", SystemId.RAW_SQL, drain(rate));
        }
        results.add("db-scheduler", SystemId.DB_SCHEDULER, drain(500));
        results.add("chronoflow, 4 threads", SystemId.CHRONOFLOW, drain(250));
        results.add("chronoflow, 16 threads", SystemId.CHRONOFLOW, drain(400));
        results.add("camunda", SystemId.CAMUNDA, drain(50));
        results.add("camunda-tuned", SystemId.CAMUNDA_TUNED, drain(125));
        results.add(new TimerLagScenario.Result("steady 10/s", "chronoflow", 600, 0, new LagStats(600, 4, 9, 13, 21)));
        results.add(new TimerLagScenario.Result("steady 10/s", "chronoflow", 600, 0, new LagStats(598, 6, 9, 15, 30)));
        return results;
    }

    @Test
    void drainRowsShowMedianRangeAndRatiosToRawSqlDbSchedulerAndCamundaTuned() {
        String report = Report.markdown(results());
        assertThat(report)
                .contains("| ÷ raw SQL | ÷ db-scheduler | ÷ camunda-tuned | commits/job |")
                .contains("| raw-sql | 1,000 | 1,000 (800–1,200) | 1.00 | 2.00 | 8.00 | 2.00 (2.00–2.00) |")
                .contains("| chronoflow, 4 threads | 1,000 | 250 | 0.25 | 0.50 | 2.00 | 2.00 |")
                .contains("| camunda | 1,000 | 50 | 0.05 | 0.10 | 0.40 | 2.00 |")
                .contains("| camunda-tuned | 1,000 | 125 | 0.13 | 0.25 | 1.00 | 2.00 |")
                .contains("| 0.50 | 0.80 |");
    }

    @Test
    void theHeadlineIsTheFastestChronoflowRowOverCamundaTuned() throws Exception {
        assertThat(Report.markdown(results()))
                .contains("**Chronoflow ÷ camunda-tuned: 3.20** (chronoflow, 16 threads, the fastest Chronoflow row");
        JsonNode json = new ObjectMapper().valueToTree(results());
        assertThat(json.at("/drainHeadline/chronoflow").asText()).isEqualTo("chronoflow, 16 threads");
        assertThat(json.at("/drainHeadline/overCamundaTuned").asDouble()).isEqualTo(3.2);
        assertThat(json.at("/drainRatios/camunda-tuned/camunda").asDouble()).isEqualTo(0.4);
    }

    @Test
    void timerRowsCountFiresOverRepetitionsAndShowPercentileRanges() {
        assertThat(Report.markdown(results()))
                .contains(
                        "| steady 10/s | chronoflow | 1,198 of 1,200 | 5 (4–6) | 9 (9–9) | 14 (13–15) | 26 (21–30) | 0 |");
    }

    @Test
    void theJsonHoldsEverySampleAndTheSummaries() throws Exception {
        JsonNode json = new ObjectMapper().valueToTree(results());
        assertThat(json.at("/drain/0/label").asText()).isEqualTo("raw-sql");
        assertThat(json.at("/drain/0/samples")).hasSize(3);
        assertThat(json.at("/drain/0/jobsPerSecond/median").asDouble()).isEqualTo(1000.0);
        assertThat(json.at("/drainRatios/db-scheduler/chronoflow, 4 threads").asDouble())
                .isEqualTo(0.5);
        assertThat(json.at("/timers/0/p99/max").asDouble()).isEqualTo(15.0);
        assertThat(json.at("/timers/0/runs/1/lag/count").asInt()).isEqualTo(598);
    }

    @Test
    void ratiosAreOmittedWithoutTheirBaseline() {
        Results results = new Results(true, 1);
        results.add("quartz", SystemId.QUARTZ, drain(100));
        assertThat(results.drainRatios()).isEmpty();
        assertThat(results.drainHeadline()).isNull();
        assertThat(Report.markdown(results))
                .contains("| quartz | 1,000 | 100 | – | – | – |")
                .doesNotContain("Chronoflow ÷ camunda-tuned");
    }

    @Test
    void dispatchShardedAndMemoryHaveTablesOfTheirOwnAndAreInTheJson() throws Exception {
        Results results = new Results(true, 1);
        results.addDispatch(new TimerLagScenario.Result(
                DispatchScenario.handlerStarts(DispatchScenario.SAME),
                SystemId.CHRONOFLOW,
                100,
                0,
                new LagStats(100, 7, 12, 20, 31)));
        results.addDispatch(new TimerLagScenario.Result(
                DispatchScenario.handlerStarts(DispatchScenario.OTHER),
                SystemId.CHRONOFLOW,
                100,
                0,
                new LagStats(99, 60, 110, 130, 150)));
        results.add(new ShardedScenario.Sample(1, 8, 64, 0.5, 5, 0.8, 0, 64));
        results.add(new ShardedScenario.Sample(2, 8, 64, 0.5, 2.5, 0.9, 3, 64));
        results.add(new MemoryScenario.Sample("node 1 (created them)", 10_000, 204_800, 215_040));

        String report = Report.markdown(results);
        assertThat(report)
                .contains("## Dispatch")
                .contains("| dispatch, same node: created → handler starts | 100 | 7 | 12 | 20 | 31 |")
                .contains("| dispatch, other node: created → handler starts | 99 of 100 | 60 | 110 | 130 | 150 |")
                .contains("## Sharded job")
                .contains("| 2 × 8 | 64 | 0.50 s | 2.50 | 2.00 | 2.00 | 0.90 | 3 | all |")
                .contains("| 1 × 8 | 64 | 0.50 s | 5.00 | 4.00 | 1.00 | 0.80 | 0 | all |")
                .contains("## Memory")
                .contains("| node 1 (created them) | 10,000 | 200.0 | 210.0 | +10.0 | +1049 |");
        assertThat(report.indexOf("2 × 8")).isLessThan(report.indexOf("1 × 8"));

        JsonNode json = new ObjectMapper().valueToTree(results);
        assertThat(json.at("/dispatch/1/p99/median").asDouble()).isEqualTo(130.0);
        assertThat(json.at("/sharded/0/workers").asInt()).isEqualTo(2);
        assertThat(json.at("/sharded/0/idealSeconds").asDouble()).isEqualTo(2.0);
        assertThat(json.at("/shardedSpeedUps/2").asDouble()).isEqualTo(2.0);
        assertThat(json.at("/memory/0/bytesPerTimer").asDouble()).isEqualTo(1048.576);
    }

    @Test
    void itemsHaveATableWithTheRatioToDbSchedulerAndAreInTheJson() throws Exception {
        Results results = new Results(true, 1);
        results.add(new ItemsSample(SystemId.CHRONOFLOW, "16 shards", 5_000, 0.5, 0.7, 100, 2_500, 1_000, 5_000, 0));
        results.add(new ItemsSample(
                SystemId.DB_SCHEDULER, "a task per item", 5_000, 2.5, Double.NaN, 10_250, 5_000, 2_000, 5_000, 0));

        String report = Report.markdown(results);
        assertThat(report)
                .contains("## Items")
                .contains("| db-scheduler | a task per item | 5,000 | 2,000 | 1.00 | – | 2.050 | 1.000 | 0.400 | all |")
                .contains("| chronoflow | 16 shards | 5,000 | 10,000 | 5.00 | 0.70 | 0.020 | 0.500 | 0.200 | all |")
                .contains("Chronoflow ÷ db-scheduler, items/s: **5.00**");
        assertThat(report.indexOf("| db-scheduler | a task")).isLessThan(report.indexOf("| chronoflow | 16"));

        JsonNode json = new ObjectMapper().valueToTree(results);
        assertThat(json.at("/itemsRatio").asDouble()).isEqualTo(5.0);
        assertThat(json.at("/items/1/itemsPerSecond/median").asDouble()).isEqualTo(10_000.0);
        assertThat(json.at("/items/1/samples/0/writtenOnce").asLong()).isEqualTo(5_000);
        assertThat(json.at("/items/0/complete").asBoolean()).isTrue();
    }

    @Test
    void anIncompleteItemsRunSaysSoAndTheRatioNeedsBothSystems() {
        Results results = new Results(true, 1);
        results.add(new ItemsSample(SystemId.CHRONOFLOW, "16 shards", 5_000, 0.5, 0.7, 100, 1, 1, 4_999, 1));
        assertThat(results.itemsRatio()).isNull();
        assertThat(Report.markdown(results)).contains("| NOT all |").contains("Chronoflow ÷ db-scheduler: –");
    }
}

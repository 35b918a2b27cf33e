package io.chronoflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @Test
    void drainAndSteadyChartsArePngFilesEvenWithZeroLags(@TempDir Path dir) throws Exception {
        Results results = new Results(true, 1);
        results.add("raw-sql", SystemId.RAW_SQL, new DrainSample(1000, 1, 1, 2000, 300, 300, 500, true));
        results.add("quartz", SystemId.QUARTZ, new DrainSample(1000, 10, 1, 1400, 3000, 3000, 4000, true));
        results.add(new TimerLagScenario.Result("steady 10/s", "chronoflow", 150, 0, new LagStats(150, 0, 0, 0, 1)));
        results.add(new TimerLagScenario.Result("steady 10/s", "quartz", 150, 0, new LagStats(150, 5, 9, 13, 20)));
        results.add(new TimerLagScenario.Result("steady 100/s", "quartz", 1500, 0, new LagStats(0, 0, 0, 0, 0)));

        assertThat(Charts.write(results, dir))
                .containsExactly(dir.resolve(Charts.DRAIN + ".png"), dir.resolve(Charts.STEADY + ".png"));
        for (String chart : new String[] {Charts.DRAIN, Charts.STEADY}) {
            byte[] png = Files.readAllBytes(dir.resolve(chart + ".png"));
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        }
    }

    @Test
    void dispatchAndShardedChartsArePngFiles(@TempDir Path dir) throws Exception {
        Results results = new Results(true, 1);
        results.addDispatch(new TimerLagScenario.Result(
                DispatchScenario.handlerStarts(DispatchScenario.SAME),
                "chronoflow",
                10,
                0,
                new LagStats(10, 5, 9, 9, 9)));
        results.add(new ShardedScenario.Sample(1, 8, 64, 0.5, 5, 0.8, 0, 64));

        assertThat(Charts.write(results, dir))
                .containsExactly(dir.resolve(Charts.DISPATCH + ".png"), dir.resolve(Charts.SHARDED + ".png"));
        for (String chart : new String[] {Charts.DISPATCH, Charts.SHARDED}) {
            assertThat(Files.readAllBytes(dir.resolve(chart + ".png"))).startsWith(0x89, 'P', 'N', 'G');
        }
    }

    @Test
    void theItemsChartIsAPngFile(@TempDir Path dir) throws Exception {
        Results results = new Results(true, 1);
        results.add(ItemsResultTest.sample(SystemId.DB_SCHEDULER, 2.5, 5_000, 0));
        results.add(ItemsResultTest.sample(SystemId.CHRONOFLOW, 0.5, 5_000, 0));

        assertThat(Charts.write(results, dir)).containsExactly(dir.resolve(Charts.ITEMS + ".png"));
        assertThat(Files.readAllBytes(dir.resolve(Charts.ITEMS + ".png"))).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void nothingMeasuredDrawsNothing(@TempDir Path dir) {
        assertThat(Charts.write(new Results(true, 1), dir)).isEmpty();
    }
}

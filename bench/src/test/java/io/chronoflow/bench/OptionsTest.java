package io.chronoflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsRunEveryScenarioOnEverySystemThreeTimesAtFullLengthOnTheLocalServers() {
        Options options = Options.parse();
        assertThat(options.scenarios()).containsExactlyElementsOf(Options.SCENARIOS);
        assertThat(options.systems()).containsExactlyElementsOf(Options.SYSTEMS);
        assertThat(options.repeat()).isEqualTo(3);
        assertThat(options.steadyWindow(10)).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.steadyWindow(1000)).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.steadyRates()).containsExactly(10, 100, 1000);
        assertThat(options.idlePeriod()).isEqualTo(Duration.ofMinutes(10));
        assertThat(options.peerDrainJobs()).isEqualTo(50_000);
        assertThat(options.chronoflowDrainJobs()).isEqualTo(50_000);
        assertThat(options.defaultsNodes()).isEqualTo(2);
        assertThat(options.idleSpacing()).isEqualTo(Duration.ofMillis(17_300));
        assertThat(options.dispatchRate()).isEqualTo(20);
        assertThat(options.dispatchWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.shardWork()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.memoryTimers()).isEqualTo(100_000);
        assertThat(options.itemCount()).isEqualTo(50_000);
        assertThat(options.dbServer()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/");
        assertThat(options.engineJar()).isEqualTo(Path.of("engine/target/chronoflow-engine.jar"));
        assertThat(options.workerJar()).isEqualTo(Path.of("workers/app/target/chronoflow-worker.jar"));
        assertThat(options.camundaPeerJar()).isEqualTo(Path.of("bench/camunda-peer/target/camunda-peer.jar"));
        assertThat(options.camundaDrainJobs()).isEqualTo(50_000);
    }

    @Test
    void quickShortensEverythingAndRunsOnceUnlessToldOtherwise() {
        Options options = Options.parse("--scenario", "idle", "--quick", "--db", "jdbc:postgresql://db:5432");
        assertThat(options.scenarios()).isEqualTo(Set.of("idle"));
        assertThat(options.repeat()).isEqualTo(1);
        assertThat(options.idlePeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.steadyWindow(10)).isEqualTo(Duration.ofSeconds(6));
        assertThat(options.steadyWindow(100)).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.steadyRates()).containsExactly(10, 100);
        assertThat(options.peerDrainJobs()).isEqualTo(2_000);
        assertThat(options.chronoflowDrainJobs()).isEqualTo(500);
        assertThat(options.camundaDrainJobs()).isEqualTo(1_000);
        assertThat(options.defaultsNodes()).isEqualTo(1);
        assertThat(options.idleSpacing()).isEqualTo(Duration.ofMillis(5_300));
        assertThat(options.dispatchWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.shardWork()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.memoryTimers()).isEqualTo(10_000);
        assertThat(options.itemCount()).isEqualTo(5_000);
        assertThat(options.dbServer()).isEqualTo("jdbc:postgresql://db:5432/");
        assertThat(Options.parse("--quick", "--repeat", "2").repeat()).isEqualTo(2);
    }

    @Test
    void theDrainsJobCountAndHistoryLevelCanBeSet() {
        Options options = Options.parse("--quick", "--jobs", "3000", "--drain-history", "none");
        assertThat(options.chronoflowDrainJobs()).isEqualTo(3000);
        assertThat(options.drainHistory()).isEqualTo("none");
        assertThat(Options.parse().drainHistory()).isEqualTo("full");
        assertThatThrownBy(() -> Options.parse("--drain-history", "some"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--drain-history");
        assertThatThrownBy(() -> Options.parse("--jobs", "0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFullRunCanMeasureSomeOfChronoflowsDrainShapes() {
        assertThat(Options.parse().drainShapes()).isEqualTo(ChronoflowDrain.Shape.ALL);
        assertThat(Options.parse("--drain-shapes", "16,2x8").drainShapes())
                .containsExactly(new ChronoflowDrain.Shape(1, 1, 16), new ChronoflowDrain.Shape(2, 2, 8));
        assertThat(Options.parse("--drain-shapes", "1, 4").drainShapes())
                .extracting(ChronoflowDrain.Shape::label)
                .containsExactly("chronoflow, 1 thread", "chronoflow, 4 threads");
        assertThatThrownBy(() -> Options.parse("--drain-shapes", "3x8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--drain-shapes")
                .hasMessageContaining("'3x8'");
        assertThatThrownBy(() -> Options.parse("--drain-shapes", "0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Options.parse("--quick", "--drain-shapes", "16"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quick");
    }

    @Test
    void theDrainModelDeclaresTheChosenHistoryLevel() {
        String model = new String(ChronoflowDrain.model("activity"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(model).contains("name=\"chronoflow.history\" value=\"activity\"");
        assertThat(model.indexOf("chronoflow.history")).isLessThan(model.indexOf("<bpmn:startEvent"));
    }

    @Test
    void theItemsScenarioIsPartOfAllAndNeedsTheWorkerFleet() {
        assertThat(Options.parse().runs("items")).isTrue();
        Options items = Options.parse("--quick", "--scenario", "items");
        assertThat(items.scenarios()).containsExactly("items");
        assertThat(FleetScenarios.needed(items)).isTrue();
        assertThat(Options.usage()).contains("|items|");
    }

    @Test
    void systemsCanBeChosen() {
        Options options = Options.parse("--systems", "quartz,chronoflow");
        assertThat(options.systems()).containsExactly("quartz", "chronoflow");
        assertThat(options.includes("quartz")).isTrue();
        assertThat(options.includes("raw-sql")).isFalse();
    }

    @Test
    void theVanillaCamundaPeersAreSystemsWithTheirOwnJarAndJobCounts() {
        assertThat(Options.SYSTEMS).contains("camunda", "camunda-tuned");
        Options options = Options.parse(
                "--quick", "--systems", "camunda,camunda-tuned", "--camunda-peer-jar", "/opt/camunda-peer.jar");
        assertThat(options.systems()).containsExactly("camunda", "camunda-tuned");
        assertThat(options.camundaPeerJar()).isEqualTo(Path.of("/opt/camunda-peer.jar"));
        assertThat(options.drainJobs("camunda")).isEqualTo(1_000);
        assertThat(options.drainJobs("camunda-tuned")).isEqualTo(1_000);
        assertThat(options.drainJobs("chronoflow")).isEqualTo(500);
        assertThat(options.drainJobs("db-scheduler")).isEqualTo(2_000);
        assertThat(Options.parse("--quick", "--jobs", "300").drainJobs("camunda-tuned"))
                .isEqualTo(300);
        assertThat(SystemId.database("camunda-tuned")).isEqualTo("chronoflow_bench_camunda_tuned");
        assertThat(Options.usage()).contains("camunda-tuned").contains("--camunda-peer-jar");
    }

    @Test
    void aQuickRunLeavesOutTheVanillaCamundaPeersUnlessTheyAreNamed() {
        assertThat(Options.parse("--quick").systems())
                .doesNotContain("camunda", "camunda-tuned")
                .contains("chronoflow", "db-scheduler", "raw-sql", "quartz", "camunda-defaults");
        assertThat(Options.parse().systems()).contains("camunda", "camunda-tuned");
        assertThat(Options.parse("--quick", "--systems", "chronoflow,camunda-tuned")
                        .systems())
                .containsExactly("chronoflow", "camunda-tuned");
    }

    @Test
    void copiesOfTheJarsReplaceTheOriginalsAndNothingElse() {
        Options options = Options.parse("--quick").withJars(Path.of("a.jar"), Path.of("b.jar"), Path.of("c.jar"));
        assertThat(options.engineJar()).isEqualTo(Path.of("a.jar"));
        assertThat(options.workerJar()).isEqualTo(Path.of("b.jar"));
        assertThat(options.camundaPeerJar()).isEqualTo(Path.of("c.jar"));
        assertThat(options.quick()).isTrue();
    }

    @Test
    void unknownScenariosSystemsAndOptionsAreRefusedWithTheUsage() {
        assertThatThrownBy(() -> Options.parse("--scenario", "warp"))
                .hasMessageContaining("--scenario")
                .hasMessageContaining("warp")
                .hasMessageContaining("usage:");
        assertThatThrownBy(() -> Options.parse("--systems", "quartz,cron"))
                .hasMessageContaining("--systems")
                .hasMessageContaining("cron");
        assertThatThrownBy(() -> Options.parse("--fast")).hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> Options.parse("--db")).hasMessageContaining("--db needs a value");
        for (String bad : List.of("0", "-1", "three")) {
            assertThatThrownBy(() -> Options.parse("--repeat", bad))
                    .hasMessageContaining("--repeat needs a positive whole number")
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void everyScenarioOfTheIssueCanBeChosenAloneOrSeveralInTheirOrder() {
        assertThat(Options.SCENARIOS)
                .containsExactly("drain", "steady", "idle", "dispatch", "sharded", "items", "memory");
        for (String scenario : Options.SCENARIOS) {
            assertThat(Options.parse("--scenario", scenario).scenarios()).containsExactly(scenario);
        }
        Options options = Options.parse("--scenario", "memory,dispatch,sharded");
        assertThat(options.scenarios()).containsExactly("dispatch", "sharded", "memory");
        assertThat(options.runs("sharded")).isTrue();
        assertThat(options.runs("drain")).isFalse();
        assertThatThrownBy(() -> Options.parse("--scenario", "dispatch,warp"))
                .hasMessageContaining("[warp]")
                .hasMessageContaining("usage:");
    }
}

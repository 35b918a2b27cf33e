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
        assertThat(options.steadyWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.steadyRates()).containsExactly(10, 100, 1000);
        assertThat(options.idlePeriod()).isEqualTo(Duration.ofMinutes(10));
        assertThat(options.peerDrainJobs()).isEqualTo(50_000);
        assertThat(options.chronoflowDrainJobs()).isEqualTo(50_000);
        assertThat(options.dbServer()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/");
        assertThat(options.engineJar()).isEqualTo(Path.of("engine/target/chronoflow-engine.jar"));
        assertThat(options.workerJar()).isEqualTo(Path.of("workers/app/target/chronoflow-worker.jar"));
    }

    @Test
    void quickShortensEverythingAndRunsOnceUnlessToldOtherwise() {
        Options options = Options.parse("--scenario", "idle", "--quick", "--db", "jdbc:postgresql://db:5432");
        assertThat(options.scenarios()).isEqualTo(Set.of("idle"));
        assertThat(options.repeat()).isEqualTo(1);
        assertThat(options.idlePeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.steadyWindow()).isEqualTo(Duration.ofSeconds(15));
        assertThat(options.steadyRates()).containsExactly(10, 100);
        assertThat(options.peerDrainJobs()).isEqualTo(5_000);
        assertThat(options.chronoflowDrainJobs()).isEqualTo(2_000);
        assertThat(options.dbServer()).isEqualTo("jdbc:postgresql://db:5432/");
        assertThat(Options.parse("--quick", "--repeat", "2").repeat()).isEqualTo(2);
    }

    @Test
    void systemsCanBeChosen() {
        Options options = Options.parse("--systems", "quartz,chronoflow");
        assertThat(options.systems()).containsExactly("quartz", "chronoflow");
        assertThat(options.includes("quartz")).isTrue();
        assertThat(options.includes("raw-sql")).isFalse();
    }

    @Test
    void copiesOfTheJarsReplaceTheOriginalsAndNothingElse() {
        Options options = Options.parse("--quick").withJars(Path.of("a.jar"), Path.of("b.jar"));
        assertThat(options.engineJar()).isEqualTo(Path.of("a.jar"));
        assertThat(options.workerJar()).isEqualTo(Path.of("b.jar"));
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
    void scenariosOfTheIssueNotYetInTheHarnessAreNamedAsSuch() {
        for (String planned : Options.PLANNED) {
            assertThatThrownBy(() -> Options.parse("--scenario", planned))
                    .hasMessageContaining(planned)
                    .hasMessageContaining("not in the harness yet");
        }
    }
}

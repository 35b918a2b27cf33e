package io.chronoflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsRunEveryScenarioAtFullLengthOnTheLocalServers() {
        Options options = Options.parse();
        assertThat(options.scenarios()).containsExactlyInAnyOrderElementsOf(Options.SCENARIOS);
        assertThat(options.steadyWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.idlePeriod()).isEqualTo(Duration.ofMinutes(10));
        assertThat(options.dbServer()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/");
        assertThat(options.engineJar()).isEqualTo(Path.of("engine/target/chronoflow-engine.jar"));
    }

    @Test
    void quickShortensTheWindowsAndOneScenarioCanBeChosen() {
        Options options = Options.parse("--scenario", "idle", "--quick", "--db", "jdbc:postgresql://db:5432");
        assertThat(options.scenarios()).isEqualTo(Set.of("idle"));
        assertThat(options.idlePeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.steadyWindow()).isEqualTo(Duration.ofSeconds(15));
        assertThat(options.dbServer()).isEqualTo("jdbc:postgresql://db:5432/");
    }

    @Test
    void unknownScenariosAndOptionsAreRefusedWithTheUsage() {
        assertThatThrownBy(() -> Options.parse("--scenario", "warp"))
                .hasMessageContaining("--scenario")
                .hasMessageContaining("warp")
                .hasMessageContaining("usage:");
        assertThatThrownBy(() -> Options.parse("--fast")).hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> Options.parse("--db")).hasMessageContaining("--db needs a value");
    }
}

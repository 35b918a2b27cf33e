package io.chronoflow.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoflow.testkit.CommandLineTool;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The alert rules in dashboards/prometheus pass {@code promtool check rules} and their unit tests ({@code promtool test
 * rules}: each alert fires where it should and stays silent where it should). promtool comes with Debian's {@code
 * prometheus} package; {@code .ci/run} installs it.
 */
class AlertRulesTest {

    private static final Path RULES =
            Path.of("..", "dashboards", "prometheus").toAbsolutePath().normalize();
    private static final CommandLineTool PROMTOOL = new CommandLineTool("promtool", "prometheus");

    private static String promtool(String... args) {
        CommandLineTool.Result result = PROMTOOL.run(RULES, args);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }

    @Test
    void rulesAreValid() {
        assertThat(promtool("check", "rules", "chronoflow-alerts.yml")).contains("SUCCESS: 10 rules found");
    }

    @Test
    void rulesFireAndStaySilentAsTheirTestsSay() {
        assertThat(promtool("test", "rules", "chronoflow-alerts.test.yml")).contains("SUCCESS");
    }
}

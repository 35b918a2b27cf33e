package io.chronoflow.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The alert rules in dashboards/prometheus pass {@code promtool check rules} and their unit tests ({@code promtool test
 * rules}: each alert fires where it should and stays silent where it should). promtool comes with Debian's {@code
 * prometheus} package; {@code .ci/run} installs it.
 */
class AlertRulesTest {

    private static final Path RULES =
            Path.of("..", "dashboards", "prometheus").toAbsolutePath().normalize();

    private static String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(RULES.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError(
                    "promtool is needed for this test: install the 'prometheus' package (apt-get"
                            + " install prometheus), as .ci/run does",
                    e);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("promtool finished")
                .isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void rulesAreValid() throws Exception {
        assertThat(promtool("check", "rules", "chronoflow-alerts.yml")).contains("SUCCESS: 8 rules found");
    }

    @Test
    void rulesFireAndStaySilentAsTheirTestsSay() throws Exception {
        assertThat(promtool("test", "rules", "chronoflow-alerts.test.yml")).contains("SUCCESS");
    }
}

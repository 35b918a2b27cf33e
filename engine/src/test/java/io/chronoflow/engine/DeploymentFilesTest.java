package io.chronoflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoflow.testkit.CommandLineTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment files validate with the tools their users run (no container daemon here, so validation is the
 * check): the compose stack with {@code docker-compose config}, refusing to start without its secrets; the
 * Prometheus configuration with {@code promtool check config}; the compose and Helm YAML with {@code yamllint} (the Helm
 * templates are rendered by {@link HelmChartTest}).
 */
class DeploymentFilesTest {

    private static final Path COMPOSE =
            Path.of("..", "compose").toAbsolutePath().normalize();
    private static final CommandLineTool DOCKER_COMPOSE = new CommandLineTool("docker-compose", "docker-compose");

    @TempDir
    Path dir;

    @Test
    void theComposeStackIsValidWithEverySecretSet() throws IOException {
        CommandLineTool.Result config = DOCKER_COMPOSE.run(COMPOSE, composeArgs(secrets("")));
        assertThat(config.exitCode()).as(config.output()).isZero();
        assertThat(config.output())
                .contains(
                        "engine-1:", "engine-2:", "worker-1:", "worker-2:", "prometheus:", "alertmanager:", "grafana:")
                .contains("jdbc:postgresql://postgres:5432/chronoflow")
                .contains("http://engine-1:8080/engine-rest,http://engine-2:8080/engine-rest");
    }

    @Test
    void theComposeStackRefusesToStartWithoutASecret() throws IOException {
        CommandLineTool.Result config = DOCKER_COMPOSE.run(COMPOSE, composeArgs(secrets("CHRONOFLOW_ADMIN_PASSWORD")));
        assertThat(config.exitCode()).isNotZero();
        assertThat(config.output()).contains("set CHRONOFLOW_ADMIN_PASSWORD in .env");
    }

    @Test
    void prometheusScrapesBothJobsTheAlertRulesNeed() throws IOException {
        Path prometheus = COMPOSE.resolve("prometheus");
        CommandLineTool.Result check =
                new CommandLineTool("promtool", "prometheus").run(prometheus, "check", "config", "prometheus.yml");
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(Files.readString(prometheus.resolve("prometheus.yml")))
                .contains("job_name: chronoflow-engine", "job_name: chronoflow-worker");
    }

    @Test
    void composeAndHelmYamlPassYamllint() {
        CommandLineTool.Result lint = new CommandLineTool("yamllint", "yamllint")
                .run(
                        COMPOSE.getParent(),
                        "--strict",
                        "compose/docker-compose.yml",
                        "compose/prometheus",
                        "compose/alertmanager",
                        "compose/helm/chronoflow/Chart.yaml",
                        "compose/helm/chronoflow/values.yaml",
                        "dashboards/grafana/provisioning");
        assertThat(lint.exitCode()).as(lint.output()).isZero();
    }

    /** The committed .env.example with every empty value filled in, except {@code leaveUnset}. */
    private Path secrets(String leaveUnset) throws IOException {
        String filled;
        try (Stream<String> lines = Files.lines(COMPOSE.resolve(".env.example"))) {
            filled = lines.map(
                            line -> line.endsWith("=") && !line.equals(leaveUnset + "=") ? line + "test-value" : line)
                    .collect(Collectors.joining("\n"));
        }
        return Files.writeString(dir.resolve("test.env"), filled + "\n");
    }

    private static String[] composeArgs(Path envFile) {
        return new String[] {"--env-file", envFile.toString(), "-f", "docker-compose.yml", "config"};
    }
}

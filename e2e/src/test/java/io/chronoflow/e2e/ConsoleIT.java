package io.chronoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoflow.engine.support.TestDatabase;
import io.chronoflow.testkit.CommandLineTool;
import io.chronoflow.testkit.EngineEnvironment;
import io.chronoflow.testkit.PostgresDatabase;
import io.chronoflow.testkit.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jobs console in a real browser: the engine jar as a process with the example jobs from bpmn/, the demo worker
 * (its saga services off, so an order waits at its first step), an operator and a viewer; the browser test in
 * console-tests/ (playwright-core, pinned by its lock file) drives Debian's Chromium through sign-in, the jobs list,
 * pause, resume, trigger, a job's page and the workers, and saves screenshots under target/console-screenshots/.
 */
class ConsoleIT extends ProcessTest {

    private static final Path TESTS = Path.of("console-tests").toAbsolutePath();
    private static final Path MODELS = Path.of("..", "bpmn").toAbsolutePath().normalize();
    private static final Path SCREENSHOTS =
            Path.of("target", "console-screenshots").toAbsolutePath();
    private static final Path CHROMIUM = Path.of(System.getProperty("chronoflow.it.chromium", "/usr/bin/chromium"));
    private static final String OPERATOR = "consoleoperator";
    private static final String VIEWER = "consoleviewer";

    @Test
    void operatorsAndViewersUseTheConsoleInABrowser() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("the browser test needs Chromium at %s: apt-get install chromium (as .ci/run does)", CHROMIUM)
                .isTrue();
        clearScreenshots();
        // A database of its own: the example jobs it deploys would fire in every later test's engines, and the saga run
        // it triggers (waiting at its first step, the saga services being off here) would be one run too many for
        // the saga load test.
        String database = TestDatabase.url() + "_console";
        PostgresDatabase.recreate(database, TestDatabase.user());
        String operatorPassword = "console-op-" + UUID.randomUUID();
        String viewerPassword = "console-view-" + UUID.randomUUID();
        Map<String, String> environment = EngineEnvironment.of(
                        database,
                        TestDatabase.user(),
                        REDIS_URL,
                        "cf-e2e-console-" + UUID.randomUUID().toString().substring(0, 8),
                        "console-admin-" + UUID.randomUUID(),
                        dir)
                .with("CHRONOFLOW_ADMIN_USER", "consoleadmin")
                .with("CHRONOFLOW_BPMN_DIR", MODELS.toString())
                .with("CHRONOFLOW_DEMO_WORKER_ENABLED", "true")
                .with("CHRONOFLOW_DEMO_WORKER_SAGA", "false")
                .with("CHRONOFLOW_USERS_0_ID", OPERATOR)
                .with("CHRONOFLOW_USERS_0_PASSWORD", operatorPassword)
                .with("CHRONOFLOW_USERS_0_ROLE", "operator")
                .with("CHRONOFLOW_USERS_1_ID", VIEWER)
                .with("CHRONOFLOW_USERS_1_PASSWORD", viewerPassword)
                .with("CHRONOFLOW_USERS_1_ROLE", "viewer")
                .toMap();
        ServiceProcess engine =
                processes().start("engine", ENGINE_JAR, environment).awaitHealthy(Duration.ofSeconds(120));

        CommandLineTool.Result install =
                new CommandLineTool("npm", "npm").run(TESTS, "ci", "--no-audit", "--no-fund", "--loglevel=error");
        assertThat(install.exitCode()).as(install.output()).isZero();
        CommandLineTool.Result browser = new CommandLineTool("node", "nodejs")
                .run(
                        TESTS,
                        Map.of(
                                "CONSOLE_URL", engine.baseUrl(),
                                "OPERATOR_USER", OPERATOR,
                                "OPERATOR_PASSWORD", operatorPassword,
                                "VIEWER_USER", VIEWER,
                                "VIEWER_PASSWORD", viewerPassword,
                                "SCREENSHOTS", SCREENSHOTS.toString(),
                                "CHROMIUM", CHROMIUM.toString()),
                        Duration.ofMinutes(5),
                        "console.test.mjs");

        System.out.println(browser.output());
        assertThat(browser.exitCode()).as(browser.output()).isZero();
        assertThat(browser.output()).doesNotContain("not ok").contains("passed");
        assertThat(SCREENSHOTS.resolve("jobs.png")).isNotEmptyFile();
        assertThat(SCREENSHOTS.resolve("job.png")).isNotEmptyFile();
    }

    /** Only this run's pictures, so that no failure screenshot of an earlier run misleads. */
    private static void clearScreenshots() throws IOException {
        if (Files.isDirectory(SCREENSHOTS)) {
            try (Stream<Path> files = Files.list(SCREENSHOTS)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}

package io.chronoflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.testkit.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar, started as a separate process with no environment at all in an empty folder, comes up on its embedded
 * defaults (H2, embedded Redis, demo worker) and runs the example job.
 */
class EngineJarSmokeIT {

    private static final Path JAR =
            Path.of(System.getProperty("chronoflow.it.engine.jar", "target/chronoflow-engine.jar"));

    @TempDir
    Path workDir;

    @Test
    void jarRunsTheExampleJobOnEmbeddedDefaults() throws Exception {
        assertThat(JAR).as("build the jar first (mvn package)").exists();
        try (ServiceProcess engine = ServiceProcess.start(JAR, workDir, Map.of(), List.of())) {
            engine.awaitHealthy(Duration.ofSeconds(180));

            Path passwordFile = workDir.resolve("data/admin-password");
            assertThat(passwordFile).exists();
            assertThat(Files.getPosixFilePermissions(passwordFile))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String password = Files.readString(passwordFile).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            assertThat(engine.log()).as("the generated password is shown once").contains(password);
            assertThat(workDir.resolve("data")).isDirectoryContaining("glob:**/chronoflow.mv.db");

            EngineHttp admin = EngineHttp.basic(engine.baseUrl(), "admin", password);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        JsonNode completed = EngineHttp.json(
                                admin.get(
                                        "/engine-rest/history/process-instance?processDefinitionKey=heartbeat-report&completed=true"));
                        assertThat(completed).as(engine.logTail()).isNotEmpty();
                        assertThat(completed.get(0).get("state").asText()).isEqualTo("COMPLETED");
                    });
            assertThat(EngineHttp.anonymous(engine.baseUrl())
                            .get("/engine-rest/history/process-instance")
                            .statusCode())
                    .isEqualTo(401);
        }
    }
}

package io.chronoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.Models;
import io.chronoflow.engine.support.TestDatabase;
import io.chronoflow.testkit.EngineEnvironment;
import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.testkit.ServiceProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two engine nodes, as real processes, on one database. Their job executors look at the database only every ten
 * minutes when idle ({@code wait-time-in-millis} and {@code max-wait}), so a timer fires in time only if the node due to fire it was told of it: by its own
 * scheduling, or by the other node's announcement. Pausing a job on one node stops its fires on both.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoEngineNodesIT {

    private static final Path ENGINE_JAR = Path.of(System.getProperty("chronoflow.it.engine.jar"));
    private static final String REDIS_URL = System.getProperty("chronoflow.it.redis.url", "redis://127.0.0.1:6379");
    private static final String ADMIN = "twonodesadmin";
    private static final List<String> RARELY_POLLING = List.of(
            "--camunda.bpm.job-execution.wait-time-in-millis=600000", "--camunda.bpm.job-execution.max-wait=600000");

    private static Path dir;
    private static ServiceProcess nodeA;
    private static ServiceProcess nodeB;
    private static ServiceProcess nodeC;
    private static Map<String, String> environment;
    private static String adminPassword;
    private static EngineHttp adminA;
    private static EngineHttp adminB;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        TestDatabase.recreateOnce();
        dir = Files.createTempDirectory("cf-two-nodes");
        String password = "e2e-" + UUID.randomUUID();
        // Its own administrator: the database is shared with the other end-to-end tests, whose admin exists already.
        Map<String, String> env = EngineEnvironment.of(
                        TestDatabase.url(),
                        TestDatabase.user(),
                        REDIS_URL,
                        "cf-e2e-" + UUID.randomUUID().toString().substring(0, 8),
                        password,
                        dir)
                .with("CHRONOFLOW_ADMIN_USER", ADMIN)
                .toMap();
        // One after the other: the first node creates the schema.
        nodeA = ServiceProcess.start(
                        "engine-a", ENGINE_JAR, Files.createDirectories(dir.resolve("a")), env, RARELY_POLLING)
                .awaitHealthy(Duration.ofSeconds(120));
        nodeB = ServiceProcess.start(
                        "engine-b", ENGINE_JAR, Files.createDirectories(dir.resolve("b")), env, RARELY_POLLING)
                .awaitHealthy(Duration.ofSeconds(120));
        environment = env;
        adminPassword = password;
        adminA = EngineHttp.basic(nodeA.baseUrl(), ADMIN, password);
        adminB = EngineHttp.basic(nodeB.baseUrl(), ADMIN, password);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (ServiceProcess node : new ServiceProcess[] {nodeC, nodeB, nodeA}) {
            if (node != null) {
                node.close();
            }
        }
        Path logs = Files.createDirectories(Path.of("target", "e2e-logs", TwoEngineNodesIT.class.getSimpleName()));
        for (String node : List.of("a", "b", "c")) {
            Path log = dir.resolve(node).resolve("engine-" + node + ".log");
            if (Files.exists(log)) {
                Files.copy(log, logs.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    @Order(1)
    void aJobPausedOnOneNodeFiresOnNeitherUntilResumedOnTheOther() {
        deploy(adminA, "two-nodes-pause", Models.timerProcess("two-nodes-pause", "R/PT2S"));
        await().atMost(Duration.ofSeconds(30)).until(() -> fires("two-nodes-pause") >= 2);

        assertThat(adminB.postJson("/api/v1/jobs/two-nodes-pause/pause", "").statusCode())
                .isEqualTo(200);
        assertThat(adminA.postJson("/api/v1/jobs/two-nodes-pause/pause", "").statusCode())
                .as("pausing twice, on the other node, is fine")
                .isEqualTo(200);
        long pausedAt = fires("two-nodes-pause");
        // Three cycles of the job and a margin for a fire that was already running when the pause committed.
        await().pollDelay(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(8)).until(() -> true);
        assertThat(fires("two-nodes-pause")).as("fires while paused").isLessThanOrEqualTo(pausedAt + 1);
        long beforeResume = fires("two-nodes-pause");

        assertThat(adminA.postJson("/api/v1/jobs/two-nodes-pause/resume", "").statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> fires("two-nodes-pause") >= beforeResume + 2);
        assertThat(adminB.postJson("/api/v1/jobs/two-nodes-pause/pause", "").statusCode())
                .isEqualTo(200);
    }

    @Test
    @Order(2)
    void aTimerScheduledOnANodeThatDiesFiresOnTheOtherInTime() {
        Instant due = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        deploy(adminA, "two-nodes-announced", Models.timerProcess("two-nodes-announced", "R/" + due + "/PT1H"));
        // Give the announcement a moment to leave, then take node A away with everything it knew.
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> true);
        nodeA.kill();
        // Node B has not looked at the database since before the timer existed and would not for ten minutes.
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> fires("two-nodes-announced") >= 1);
        System.out.printf(
                "timer scheduled on node A (killed), fired by node B %d ms after its due time%n",
                Duration.between(due, Instant.now()).toMillis());
    }

    @Test
    @Order(3)
    void whenTheLeaseHolderIsKilledAnotherNodeHoldsTheLeaseWithinItsExpiry() throws Exception {
        nodeC = ServiceProcess.start(
                        "engine-c", ENGINE_JAR, Files.createDirectories(dir.resolve("c")), environment, RARELY_POLLING)
                .awaitHealthy(Duration.ofSeconds(120));
        EngineHttp adminC = EngineHttp.basic(nodeC.baseUrl(), ADMIN, adminPassword);
        // Node A was killed by the test before: B holds the lease (at the latest once A's expired), C sees both.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonNode cluster = EngineHttp.json(adminC.get("/api/v1/cluster"));
                    return cluster.get("nodes").size() == 2 && cluster.hasNonNull("leader");
                });
        JsonNode before = EngineHttp.json(adminC.get("/api/v1/cluster"));
        String cId = before.get("answeredBy").asText();
        assertThat(before.get("leader").asText())
                .as("the older node holds the lease")
                .isNotEqualTo(cId);

        nodeB.kill();
        Instant killed = Instant.now();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> cId.equals(EngineHttp.json(adminC.get("/api/v1/cluster"))
                        .path("leader")
                        .asText()));
        long takeover = Duration.between(killed, Instant.now()).toMillis();
        System.out.printf("leader lease: holder killed (SIGKILL), node C held the lease %d ms later%n", takeover);
    }

    private static void deploy(EngineHttp admin, String key, byte[] model) {
        HttpResponse<String> response = admin.postMultipart(
                "/engine-rest/deployment/create", Map.of("deployment-name", key), key + ".bpmn", model);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static long fires(String key) {
        return EngineHttp.json(adminB.get("/engine-rest/history/process-instance/count?processDefinitionKey=" + key))
                .get("count")
                .asLong();
    }
}

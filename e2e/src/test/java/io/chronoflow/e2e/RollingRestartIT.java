package io.chronoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoflow.engine.support.Models;
import io.chronoflow.engine.support.TestDatabase;
import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.testkit.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every engine node and every worker restarted one after the other (SIGTERM, start again at the same address) while a
 * timer job fires every two seconds and sharded runs are under way: no fire is missed, every run completes, every
 * shard is written once by its newest token, and no incident is left.
 */
class RollingRestartIT extends ProcessTest {

    private static final String JOB = "e2e-rolling-sharded";
    private static final String TICK = "e2e-rolling-tick";
    private static final int SHARDS = 8;

    @Test
    void restartingEveryProcessLosesNoRunAndDuplicatesNoShard() throws Exception {
        TestDatabase.recreateOnce();
        ShardedStack stack = new ShardedStack(REDIS_URL, JOB, SHARDS);
        Map<String, String> engineEnv = stack.engineEnvironment(dir);
        int portA = ServiceProcess.freePort();
        int portB = ServiceProcess.freePort();
        ServiceProcess engineA =
                processes().start("engine-a", ENGINE_JAR, engineEnv, portA).awaitHealthy(Duration.ofSeconds(120));
        ServiceProcess engineB =
                processes().start("engine-b", ENGINE_JAR, engineEnv, portB).awaitHealthy(Duration.ofSeconds(120));
        String engines = engineA.baseUrl() + "," + engineB.baseUrl();
        Map<String, String> workerA = stack.workerEnvironment(engineA.baseUrl(), "w-a");
        Map<String, String> workerB = stack.workerEnvironment(engineB.baseUrl(), "w-b");
        workerA.put("CHRONOFLOW_ENGINE_URL", engineA.baseUrl() + "/engine-rest," + engineB.baseUrl() + "/engine-rest");
        workerB.put("CHRONOFLOW_ENGINE_URL", engineB.baseUrl() + "/engine-rest," + engineA.baseUrl() + "/engine-rest");
        int portWa = ServiceProcess.freePort();
        int portWb = ServiceProcess.freePort();
        ServiceProcess wa =
                processes().start("w-a", WORKER_JAR, workerA, portWa).awaitHealthy(Duration.ofSeconds(90));
        ServiceProcess wb =
                processes().start("w-b", WORKER_JAR, workerB, portWb).awaitHealthy(Duration.ofSeconds(90));
        EngineHttp viaA = EngineHttp.basic(engineA.baseUrl(), stack.admin, stack.password);
        EngineHttp viaB = EngineHttp.basic(engineB.baseUrl(), stack.admin, stack.password);
        deploy(viaA, TICK, Models.timerProcess(TICK, "R/PT2S"));
        deploy(viaA, JOB, Models.shardedProcess(JOB, "demo.shard-sync", SHARDS));
        Instant firstTickWindow = Instant.now();
        long ticksBefore = ticks(viaB);

        // Engines first, under a sharded run started through the node that stays up.
        String run1 = start(viaB);
        engineA.close();
        engineA = processes().start("engine-a-2", ENGINE_JAR, engineEnv, portA).awaitHealthy(Duration.ofSeconds(120));
        viaA = EngineHttp.basic(engineA.baseUrl(), stack.admin, stack.password);
        awaitCompleted(viaA, run1);
        stack.assertEachShardWrittenOnceByTheNewestToken(run1);
        String run2 = start(viaA);
        engineB.close();
        engineB = processes().start("engine-b-2", ENGINE_JAR, engineEnv, portB).awaitHealthy(Duration.ofSeconds(120));
        viaB = EngineHttp.basic(engineB.baseUrl(), stack.admin, stack.password);
        awaitCompleted(viaB, run2);
        stack.assertEachShardWrittenOnceByTheNewestToken(run2);

        // Then the workers, each while the other carries on.
        String run3 = start(viaA);
        wa.close();
        wa = processes().start("w-a-2", WORKER_JAR, workerA, portWa).awaitHealthy(Duration.ofSeconds(90));
        wb.close();
        wb = processes().start("w-b-2", WORKER_JAR, workerB, portWb).awaitHealthy(Duration.ofSeconds(90));
        awaitCompleted(viaA, run3);
        stack.assertEachShardWrittenOnceByTheNewestToken(run3);

        EngineHttp admin = viaA;
        long elapsedSeconds = Duration.between(firstTickWindow, Instant.now()).toSeconds();
        long fired = await().atMost(Duration.ofSeconds(10)).until(() -> ticks(admin), n -> n >= 0) - ticksBefore;
        System.out.printf(
                "rolling restart of two engines (%s) and two workers: %d s, %d timer fires due every 2 s%n",
                engines, elapsedSeconds, fired);
        assertThat(fired).as("no fire missed while nodes restarted").isGreaterThanOrEqualTo(elapsedSeconds / 2 - 2);
        assertThat(EngineHttp.json(admin.get("/engine-rest/incident/count"))
                        .get("count")
                        .asInt())
                .isZero();
        assertThat(admin.postJson("/api/v1/jobs/" + TICK + "/pause", "").statusCode())
                .isEqualTo(200);
        long unfinished = EngineHttp.json(admin.get("/engine-rest/process-instance/count?processDefinitionKey=" + TICK))
                .get("count")
                .asLong();
        assertThat(unfinished).as("every tick run completed").isZero();
    }

    private static String start(EngineHttp via) {
        return EngineHttp.json(via.postJson("/engine-rest/process-definition/key/" + JOB + "/start", Map.of()))
                .get("id")
                .asText();
    }

    private static void awaitCompleted(EngineHttp via, String runId) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> ShardedStack.completed(via, runId));
    }

    private static long ticks(EngineHttp via) {
        return EngineHttp.json(via.get("/engine-rest/history/process-instance/count?processDefinitionKey=" + TICK))
                .path("count")
                .asLong(-1);
    }
}

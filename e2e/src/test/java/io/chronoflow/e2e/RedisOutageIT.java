package io.chronoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.Models;
import io.chronoflow.engine.support.TestDatabase;
import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.testkit.RedisServer;
import io.chronoflow.testkit.ServiceProcess;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis stopped for 10 s (a dedicated redis-server, frozen with SIGSTOP and resumed with SIGCONT) while two worker
 * processes hold the shards of a running job: the workers say so in their logs, the run completes once Redis is back,
 * every shard is written once by its newest token (no stale write accepted), and the registry recovers.
 */
class RedisOutageIT extends ProcessTest {

    private static final String JOB = "e2e-redis-outage";
    private static final int SHARDS = 8;

    private Process redis;

    @AfterEach
    void stopAll() {
        stopProcesses(); // before Redis goes, as they shut down against it
        if (redis != null) {
            signal("CONT");
            redis.destroyForcibly();
        }
    }

    @Test
    void theRunSurvivesRedisStoppingForTenSeconds() throws Exception {
        TestDatabase.recreateOnce();
        int port = ServiceProcess.freePort();
        redis = RedisServer.start(port, dir, "redis");
        ShardedStack stack = new ShardedStack("redis://127.0.0.1:" + port, JOB, SHARDS);
        ServiceProcess engine = processes()
                .start("engine", ENGINE_JAR, stack.engineEnvironment(dir))
                .awaitHealthy(Duration.ofSeconds(120));
        EngineHttp admin = EngineHttp.basic(engine.baseUrl(), stack.admin, stack.password);
        List<ServiceProcess> workers = new ArrayList<>();
        for (String id : List.of("w-a", "w-b")) {
            workers.add(processes()
                    .start(id, WORKER_JAR, stack.workerEnvironment(engine.baseUrl(), id))
                    .awaitHealthy(Duration.ofSeconds(90)));
        }
        deploy(admin, JOB, Models.shardedProcess(JOB, "demo.shard-sync", SHARDS));
        String runId = EngineHttp.json(
                        admin.postJson("/engine-rest/process-definition/key/" + JOB + "/start", Map.of()))
                .get("id")
                .asText();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !ShardedStack.lockedTo(admin, "w-a").isEmpty()
                        || !ShardedStack.lockedTo(admin, "w-b").isEmpty());

        signal("STOP");
        Instant stopped = Instant.now();
        TimeUnit.SECONDS.sleep(10);
        signal("CONT");
        Instant resumed = Instant.now();
        System.out.printf(
                "redis stopped (SIGSTOP) for %d ms while the shards ran%n",
                Duration.between(stopped, resumed).toMillis());

        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> ShardedStack.completed(admin, runId));
        System.out.printf(
                "redis outage: run completed %d ms after Redis came back%n",
                Duration.between(resumed, Instant.now()).toMillis());
        stack.assertEachShardWrittenOnceByTheNewestToken(runId);

        String logs = workers.stream().map(ServiceProcess::log).reduce("", String::concat);
        assertThat(logs)
                .as("the workers said they could not reach Redis")
                .containsAnyOf("CF-WORKER-006", "CF-WORKER-007", "CF-WORKER-004");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode live = EngineHttp.json(admin.get("/api/v1/workers")).get("workers");
            return live.size() == 2;
        });
    }

    private void signal(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(redis.pid()))
                    .start()
                    .waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.chronoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.Models;
import io.chronoflow.engine.support.TestDatabase;
import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.testkit.ServiceProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine and two worker apps as real processes; one worker is killed with SIGKILL while it holds shards. Its shards
 * must be run again by the other worker once its task locks and shard leases expire, and every shard's row must end up
 * written once, by the holder of the newest fencing token.
 */
class WorkerKillIT extends ProcessTest {

    private static final int SHARDS = 8;
    private static final String JOB = "e2e-sharded";

    private final ShardedStack stack = new ShardedStack(REDIS_URL, JOB, SHARDS);

    @Test
    void shardsOfAKilledWorkerAreRunAgainByTheOtherWithTheNewestToken() throws Exception {
        TestDatabase.recreateOnce();
        ServiceProcess engine = processes().start("engine", ENGINE_JAR, stack.engineEnvironment(dir));
        engine.awaitHealthy(Duration.ofSeconds(120));
        EngineHttp admin = EngineHttp.basic(engine.baseUrl(), stack.admin, stack.password);
        ServiceProcess workerA =
                processes().start("worker-a", WORKER_JAR, stack.workerEnvironment(engine.baseUrl(), "w-a"));
        workerA.awaitHealthy(Duration.ofSeconds(90));
        ServiceProcess workerB =
                processes().start("worker-b", WORKER_JAR, stack.workerEnvironment(engine.baseUrl(), "w-b"));
        workerB.awaitHealthy(Duration.ofSeconds(90));

        deploy(admin, JOB, Models.shardedProcess(JOB, "demo.shard-sync", SHARDS));
        HttpResponse<String> started =
                admin.postJson("/engine-rest/process-definition/key/" + JOB + "/start", Map.of());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String runId = EngineHttp.json(started).get("id").asText();

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !ShardedStack.lockedTo(admin, "w-a").isEmpty());
        Set<String> heldByA = ShardedStack.lockedTo(admin, "w-a");
        workerA.kill();
        Instant killedAt = Instant.now();
        System.out.printf("killed w-a (SIGKILL) while it held %d of %d shards%n", heldByA.size(), SHARDS);

        Map<String, Instant> takenOver = new HashMap<>();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    for (String task : ShardedStack.lockedTo(admin, "w-b")) {
                        if (heldByA.contains(task)) {
                            takenOver.putIfAbsent(task, Instant.now());
                        }
                    }
                    return ShardedStack.completed(admin, runId);
                });
        Instant doneAt = Instant.now();
        Duration firstTakeover = takenOver.values().stream()
                .min(Instant::compareTo)
                .map(t -> Duration.between(killedAt, t))
                .orElse(Duration.between(killedAt, doneAt));
        System.out.printf(
                "takeover: first shard of the killed worker re-locked by w-b after %d ms; run completed %d ms after the kill%n",
                firstTakeover.toMillis(), Duration.between(killedAt, doneAt).toMillis());

        stack.assertEachShardWrittenOnceByTheNewestToken(runId);
        // The surviving worker's own metrics: scraped with the metrics user only; its health stays open.
        assertThat(EngineHttp.anonymous(workerB.baseUrl())
                        .get("/actuator/prometheus")
                        .statusCode())
                .isEqualTo(401);
        assertThat(EngineHttp.anonymous(workerB.baseUrl())
                        .get("/actuator/health")
                        .statusCode())
                .isEqualTo(200);
        String scrape = EngineHttp.basic(workerB.baseUrl(), "metrics", stack.metricsPassword)
                .get("/actuator/prometheus")
                .body();
        assertThat(scrape)
                .contains("chronoflow_shard_lock_wait_seconds_bucket{")
                .contains("chronoflow_worker_tasks_in_flight{")
                .contains("application=\"chronoflow-worker\"");
        JsonNode workers = EngineHttp.json(admin.get("/api/v1/workers")).get("workers");
        List<String> live = new ArrayList<>();
        workers.forEach(w -> live.add(w.get("id").asText()));
        assertThat(live).containsExactly("w-b");
    }
}

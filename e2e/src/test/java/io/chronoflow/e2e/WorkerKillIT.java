package io.chronoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.Models;
import io.chronoflow.engine.support.TestDatabase;
import io.chronoflow.testkit.EngineEnvironment;
import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.testkit.ProcessGroup;
import io.chronoflow.testkit.ServiceProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The engine and two worker apps as real processes; one worker is killed with SIGKILL while it holds shards. Its shards
 * must be run again by the other worker once its task locks and shard leases expire, and every shard's row must end up
 * written once, by the holder of the newest fencing token.
 */
class WorkerKillIT {

    private static final Path ENGINE_JAR = Path.of(System.getProperty("chronoflow.it.engine.jar"));
    private static final Path WORKER_JAR = Path.of(System.getProperty("chronoflow.it.worker.jar"));
    private static final String REDIS_URL = System.getProperty("chronoflow.it.redis.url", "redis://127.0.0.1:6379");
    private static final int SHARDS = 8;
    private static final String JOB = "e2e-sharded";
    private static final String METRICS_PASSWORD = "e2e-metrics-" + UUID.randomUUID();

    private final String prefix = "cf-e2e-" + UUID.randomUUID().toString().substring(0, 8);
    private final String password = "e2e-" + UUID.randomUUID();

    @TempDir
    Path dir;

    private ProcessGroup processes;

    @AfterEach
    void stopAll() {
        if (processes != null) {
            processes.close();
        }
    }

    @Test
    void shardsOfAKilledWorkerAreRunAgainByTheOtherWithTheNewestToken() throws Exception {
        TestDatabase.recreateOnce();
        ServiceProcess engine = start("engine", ENGINE_JAR, engineEnvironment());
        engine.awaitHealthy(Duration.ofSeconds(120));
        EngineHttp admin = EngineHttp.basic(engine.baseUrl(), "admin", password);
        ServiceProcess workerA = start("worker-a", WORKER_JAR, workerEnvironment(engine, "w-a"));
        workerA.awaitHealthy(Duration.ofSeconds(90));
        ServiceProcess workerB = start("worker-b", WORKER_JAR, workerEnvironment(engine, "w-b"));
        workerB.awaitHealthy(Duration.ofSeconds(90));

        HttpResponse<String> deployed = admin.postMultipart(
                "/engine-rest/deployment/create",
                Map.of("deployment-name", JOB),
                JOB + ".bpmn",
                Models.shardedProcess(JOB, "demo.shard-sync", SHARDS));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        HttpResponse<String> started =
                admin.postJson("/engine-rest/process-definition/key/" + JOB + "/start", Map.of());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String runId = EngineHttp.json(started).get("id").asText();

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !lockedTo(admin, "w-a").isEmpty());
        Set<String> heldByA = lockedTo(admin, "w-a");
        workerA.kill();
        Instant killedAt = Instant.now();
        System.out.printf("killed w-a (SIGKILL) while it held %d of %d shards%n", heldByA.size(), SHARDS);

        Map<String, Instant> takenOver = new HashMap<>();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    for (String task : lockedTo(admin, "w-b")) {
                        if (heldByA.contains(task)) {
                            takenOver.putIfAbsent(task, Instant.now());
                        }
                    }
                    return completed(admin, runId);
                });
        Instant doneAt = Instant.now();
        Duration firstTakeover = takenOver.values().stream()
                .min(Instant::compareTo)
                .map(t -> Duration.between(killedAt, t))
                .orElse(Duration.between(killedAt, doneAt));
        System.out.printf(
                "takeover: first shard of the killed worker re-locked by w-b after %d ms; run completed %d ms after the kill%n",
                firstTakeover.toMillis(), Duration.between(killedAt, doneAt).toMillis());

        Map<Integer, Long> newestToken = newestTokens();
        try (Connection c = DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(), "");
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT shard_index, fence, written_by, run_id FROM shard_sync"
                        + " WHERE job_key = '" + JOB + "' ORDER BY shard_index")) {
            Set<Integer> seen = new HashSet<>();
            while (rows.next()) {
                int shard = rows.getInt(1);
                assertThat(seen.add(shard)).as("shard %d written once", shard).isTrue();
                assertThat(rows.getLong(2))
                        .as("shard %d has the newest token", shard)
                        .isEqualTo(newestToken.get(shard));
                assertThat(rows.getString(4)).isEqualTo(runId);
            }
            assertThat(seen).hasSize(SHARDS);
        }
        // The surviving worker's own metrics: scraped with the metrics user only; its health stays open.
        assertThat(EngineHttp.anonymous(workerB.baseUrl())
                        .get("/actuator/prometheus")
                        .statusCode())
                .isEqualTo(401);
        assertThat(EngineHttp.anonymous(workerB.baseUrl())
                        .get("/actuator/health")
                        .statusCode())
                .isEqualTo(200);
        String scrape = EngineHttp.basic(workerB.baseUrl(), "metrics", METRICS_PASSWORD)
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

    private Map<Integer, Long> newestTokens() {
        Config config = new Config();
        config.useSingleServer().setAddress(REDIS_URL);
        RedissonClient redis = Redisson.create(config);
        try {
            Map<Integer, Long> tokens = new HashMap<>();
            for (int i = 0; i < SHARDS; i++) {
                tokens.put(
                        i,
                        redis.getFencedLock(prefix + ":" + JOB + ":shard:" + i).getToken());
            }
            return tokens;
        } finally {
            redis.shutdown();
        }
    }

    private static Set<String> lockedTo(EngineHttp admin, String workerId) {
        Set<String> ids = new HashSet<>();
        EngineHttp.json(admin.get("/engine-rest/external-task?locked=true&workerId=" + workerId))
                .forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    private static boolean completed(EngineHttp admin, String runId) {
        JsonNode run = EngineHttp.json(admin.get("/engine-rest/history/process-instance/" + runId));
        return "COMPLETED".equals(run.path("state").asText());
    }

    private ServiceProcess start(String name, Path jar, Map<String, String> env) {
        if (processes == null) {
            processes = new ProcessGroup(dir, getClass().getSimpleName());
        }
        return processes.start(name, jar, env);
    }

    private Map<String, String> engineEnvironment() {
        return EngineEnvironment.of(TestDatabase.url(), TestDatabase.user(), REDIS_URL, prefix, password, dir)
                .toMap();
    }

    private Map<String, String> workerEnvironment(ServiceProcess engine, String id) {
        Map<String, String> env = new HashMap<>();
        env.put("CHRONOFLOW_ENGINE_URL", engine.baseUrl() + "/engine-rest");
        env.put("CHRONOFLOW_WORKER_USER", "admin");
        env.put("CHRONOFLOW_WORKER_PASSWORD", password);
        env.put("CHRONOFLOW_WORKER_ID", id);
        env.put("CHRONOFLOW_WORKER_CAPACITY", "4");
        env.put("CHRONOFLOW_WORKER_LOCK_DURATION", "6s");
        env.put("CHRONOFLOW_WORKER_SHARD_LOCK_LEASE", "4s");
        env.put("CHRONOFLOW_WORKER_HEARTBEAT_TTL", "4s");
        env.put("CHRONOFLOW_WORKER_KEY_PREFIX", prefix);
        env.put("CHRONOFLOW_REDIS_URL", REDIS_URL);
        env.put("CHRONOFLOW_EXAMPLE_DB_URL", TestDatabase.url());
        env.put("CHRONOFLOW_EXAMPLE_DB_USER", TestDatabase.user());
        env.put("CHRONOFLOW_EXAMPLE_SHARD_WORK", "PT3S");
        env.put("CHRONOFLOW_METRICS_PASSWORD", METRICS_PASSWORD);
        return env;
    }
}

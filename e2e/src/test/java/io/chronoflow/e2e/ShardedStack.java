package io.chronoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.TestDatabase;
import io.chronoflow.testkit.EngineEnvironment;
import io.chronoflow.testkit.EngineHttp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The engine and worker apps of a fault test around one sharded job ({@code demo.shard-sync} writing {@code
 * shard_sync} with fenced writes): their environments, and the check that every shard's row was written once, by the
 * holder of its newest fencing token.
 */
final class ShardedStack {

    final String prefix = "cf-e2e-" + UUID.randomUUID().toString().substring(0, 8);
    final String password = "e2e-" + UUID.randomUUID();
    /** Its own administrator: the end-to-end tests share a database, where another test's admin may exist. */
    final String admin =
            "e2eadmin" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");

    final String metricsPassword = "e2e-metrics-" + UUID.randomUUID();
    private final String redisUrl;
    private final String job;
    private final int shards;
    private final String dbUrl;
    private final String dbUser;

    /** On the end-to-end tests' database. */
    ShardedStack(String redisUrl, String job, int shards) {
        this(redisUrl, job, shards, TestDatabase.url(), TestDatabase.user());
    }

    /** On the database {@code dbUrl} (the engine's and the example's tables both). */
    ShardedStack(String redisUrl, String job, int shards, String dbUrl, String dbUser) {
        this.redisUrl = redisUrl;
        this.job = job;
        this.shards = shards;
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
    }

    Map<String, String> engineEnvironment(Path dir) {
        return EngineEnvironment.of(dbUrl, dbUser, redisUrl, prefix, password, dir)
                .with("CHRONOFLOW_ADMIN_USER", admin)
                .toMap();
    }

    /** A worker app with short locks, leases and heartbeat TTL, whose shards each take 3 s. */
    Map<String, String> workerEnvironment(String engineBaseUrl, String id) {
        Map<String, String> env = new HashMap<>();
        env.put("CHRONOFLOW_ENGINE_URL", engineBaseUrl + "/engine-rest");
        env.put("CHRONOFLOW_WORKER_USER", admin);
        env.put("CHRONOFLOW_WORKER_PASSWORD", password);
        env.put("CHRONOFLOW_WORKER_ID", id);
        env.put("CHRONOFLOW_WORKER_CAPACITY", "4");
        env.put("CHRONOFLOW_WORKER_LOCK_DURATION", "6s");
        env.put("CHRONOFLOW_WORKER_SHARD_LOCK_LEASE", "4s");
        env.put("CHRONOFLOW_WORKER_HEARTBEAT_TTL", "4s");
        env.put("CHRONOFLOW_WORKER_KEY_PREFIX", prefix);
        env.put("CHRONOFLOW_REDIS_URL", redisUrl);
        env.put("CHRONOFLOW_EXAMPLE_DB_URL", dbUrl);
        env.put("CHRONOFLOW_EXAMPLE_DB_USER", dbUser);
        env.put("CHRONOFLOW_EXAMPLE_SHARD_WORK", "PT3S");
        env.put("CHRONOFLOW_METRICS_PASSWORD", metricsPassword);
        return env;
    }

    /** Every shard of {@code runId} has exactly one row, written with the newest fencing token of its lock. */
    void assertEachShardWrittenOnceByTheNewestToken(String runId) throws Exception {
        Map<Integer, Long> newestToken = newestTokens();
        try (Connection c = DriverManager.getConnection(dbUrl, dbUser, "");
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT shard_index, fence, run_id FROM shard_sync"
                        + " WHERE job_key = '" + job + "' ORDER BY shard_index")) {
            Set<Integer> seen = new HashSet<>();
            while (rows.next()) {
                int shard = rows.getInt(1);
                assertThat(seen.add(shard)).as("shard %d written once", shard).isTrue();
                assertThat(rows.getLong(2))
                        .as("shard %d has the newest token", shard)
                        .isEqualTo(newestToken.get(shard));
                assertThat(rows.getString(3)).isEqualTo(runId);
            }
            assertThat(seen).hasSize(shards);
        }
    }

    private Map<Integer, Long> newestTokens() {
        Config config = new Config();
        config.useSingleServer().setAddress(redisUrl);
        RedissonClient redis = Redisson.create(config);
        try {
            Map<Integer, Long> tokens = new HashMap<>();
            for (int i = 0; i < shards; i++) {
                tokens.put(
                        i,
                        redis.getFencedLock(prefix + ":" + job + ":shard:" + i).getToken());
            }
            return tokens;
        } finally {
            redis.shutdown();
        }
    }

    /** Starts a run of the sharded job and waits until worker {@code w-a} or {@code w-b} holds one of its shards. */
    String startRunAndAwaitAShardTaken(EngineHttp admin) {
        String runId = EngineHttp.json(
                        admin.postJson("/engine-rest/process-definition/key/" + job + "/start", Map.of()))
                .get("id")
                .asText();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !lockedTo(admin, "w-a").isEmpty()
                        || !lockedTo(admin, "w-b").isEmpty());
        return runId;
    }

    static Set<String> lockedTo(EngineHttp admin, String workerId) {
        Set<String> ids = new HashSet<>();
        EngineHttp.json(admin.get("/engine-rest/external-task?locked=true&workerId=" + workerId))
                .forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    static boolean completed(EngineHttp admin, String runId) {
        JsonNode run = EngineHttp.json(admin.get("/engine-rest/history/process-instance/" + runId));
        return "COMPLETED".equals(run.path("state").asText());
    }
}

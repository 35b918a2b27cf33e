package io.chronoflow.engine.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.engine.support.TestDatabase;
import io.chronoflow.examples.ShardSync;
import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.worker.ChronoflowWorker;
import io.chronoflow.worker.Shard;
import io.chronoflow.worker.TaskHandler;
import io.chronoflow.worker.shard.FencedWrite;
import io.chronoflow.worker.shard.ShardLease;
import io.chronoflow.worker.shard.ShardLocks;
import io.chronoflow.worker.shard.StaleFencingTokenException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Workers built with the SDK, each with its own Redis client as separate processes would have, against the engine. */
class ShardedExecutionIT extends EngineIntegrationTest {

    @Autowired
    HistoryService historyService;

    @Autowired
    ExternalTaskService externalTaskService;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final DriverManagerDataSource target =
            new DriverManagerDataSource(TestDatabase.url(), TestDatabase.user(), "");

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void threeWorkersRunA32ShardJobEachShardExactlyOnce() throws Exception {
        deploy("it-sharded", Models.shardedProcess("it-sharded", "it.shards", 32));
        Map<Integer, AtomicInteger> runsPerShard = new ConcurrentHashMap<>();
        Set<String> writers = ConcurrentHashMap.newKeySet();
        List<ChronoflowWorker> workers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String id = "it-shard-worker-" + i;
            ShardSync write = new ShardSync(target, id).createTable();
            TaskHandler counting = (task, ctx) -> {
                runsPerShard
                        .computeIfAbsent(ctx.shard().orElseThrow().index(), k -> new AtomicInteger())
                        .incrementAndGet();
                writers.add(id);
                Thread.sleep(50); // long enough that every worker gets a share
                write.handle(task, ctx);
            };
            workers.add(worker(id, redis(), Duration.ofSeconds(2), Duration.ofSeconds(6))
                    .handler("it.shards", counting)
                    .build()
                    .start());
        }
        workers.forEach(resources::add);

        HttpResponse<String> started =
                asAdmin().postJson("/engine-rest/process-definition/key/it-sharded/start", Map.of());
        assertThat(started.statusCode()).isEqualTo(200);
        String runId = EngineHttp.json(started).get("id").asText();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> historyService
                                .createHistoricProcessInstanceQuery()
                                .processInstanceId(runId)
                                .completed()
                                .count()
                        == 1);
        assertThat(runsPerShard).hasSize(32);
        assertThat(runsPerShard.values())
                .allSatisfy(runs -> assertThat(runs.get()).isEqualTo(1));
        assertThat(writers).hasSize(3);
        try (Connection c = target.getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(
                        "SELECT count(*), count(DISTINCT shard_index), min(shard_index), max(shard_index)"
                                + " FROM shard_sync WHERE job_key = 'it-sharded' AND run_id = '" + runId + "'")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(32);
            assertThat(rows.getInt(2)).isEqualTo(32);
            assertThat(rows.getInt(3)).isZero();
            assertThat(rows.getInt(4)).isEqualTo(31);
        }

        JsonNode listed = EngineHttp.json(asAdmin().get("/api/v1/workers")).get("workers");
        Set<String> ids = new HashSet<>();
        listed.forEach(w -> ids.add(w.get("id").asText()));
        assertThat(ids).contains("it-shard-worker-1", "it-shard-worker-2", "it-shard-worker-3");
        JsonNode first = findWorker(listed, "it-shard-worker-1");
        assertThat(first.get("topics").get(0).asText()).isEqualTo("it.shards");
        assertThat(first.get("capacity").asInt()).isEqualTo(4);
        assertThat(first.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        // a worker counts a task done once the engine took its completion, which may be just after the run ended
        await().atMost(Duration.ofSeconds(10))
                .until(() -> workers.stream().mapToLong(ChronoflowWorker::done).sum() == 32);
    }

    @Test
    void aHandlerWhoseShardLockIsLostIsStoppedAndItsShardNotReportedDone() {
        deploy("it-lease", Models.shardedProcess("it-lease", "it.lease", 1));
        AtomicBoolean running = new AtomicBoolean();
        AtomicBoolean stopped = new AtomicBoolean();
        ChronoflowWorker worker = worker("it-lease-worker", redis(), Duration.ofSeconds(2), Duration.ofSeconds(6))
                .handler("it.lease", (task, ctx) -> {
                    running.set(true);
                    try {
                        while (!ctx.isCancelled()) {
                            Thread.sleep(50);
                        }
                    } finally {
                        stopped.set(true);
                    }
                })
                .build()
                .start();
        resources.add(worker);
        String runId = EngineHttp.json(
                        asAdmin().postJson("/engine-rest/process-definition/key/it-lease/start", Map.of()))
                .get("id")
                .asText();
        await().atMost(Duration.ofSeconds(20)).untilTrue(running);

        // The lease is lost (Redis lost the key, or another holder took over after a pause).
        redis().getFencedLock(ShardLocks.key(KEY_PREFIX, "it-lease", 0)).forceUnlock();

        await().atMost(Duration.ofSeconds(10)).untilTrue(stopped);
        assertThat(worker.done()).isZero();
        assertThat(externalTaskService
                        .createExternalTaskQuery()
                        .processInstanceId(runId)
                        .count())
                .as("the shard's task is still there, to be run again")
                .isEqualTo(1);
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceId(runId)
                        .completed()
                        .count())
                .isZero();
    }

    @Test
    void aWorkerThatStopsHeartBeatingWithoutDeregisteringDisappearsAfterItsTtl() {
        RedissonClient ownRedis = Redisson.create(redisConfig());
        ChronoflowWorker doomed = worker("it-doomed-worker", ownRedis, Duration.ofMillis(300), Duration.ofSeconds(2))
                .handler("it.doomed", (task, ctx) -> {})
                .build()
                .start();
        resources.add(doomed);
        await().atMost(Duration.ofSeconds(10)).until(() -> listedIds().contains("it-doomed-worker"));

        // Its Redis connection dies as with a crash: no more heartbeats, and no deregistration either.
        ownRedis.shutdown();
        Instant cut = Instant.now();

        await().atMost(Duration.ofSeconds(15)).until(() -> !listedIds().contains("it-doomed-worker"));
        assertThat(Duration.between(cut, Instant.now())).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aStaleFencingTokensWriteIsRefusedAfterItsLockWasTakenOver() throws Exception {
        new ShardSync(target, "setup").createTable();
        ShardLocks first = new ShardLocks(redis(), KEY_PREFIX, Duration.ZERO, new SimpleMeterRegistry());
        ShardLocks second = new ShardLocks(redis(), KEY_PREFIX, Duration.ofSeconds(5), new SimpleMeterRegistry());

        ShardLease old = first.acquire("it-fencing", 7, 8, null).orElseThrow();
        // The old holder stalls past its lease: the lock is gone from Redis.
        old.lock().forceUnlock();
        ShardLease current = second.acquire("it-fencing", 7, 8, null).orElseThrow();
        assertThat(current.shard().fencingToken()).isGreaterThan(old.shard().fencingToken());

        assertThat(write(current.shard(), "new-holder")).isEqualTo(1);
        assertThatThrownBy(() -> write(old.shard(), "stale-holder"))
                .isInstanceOf(StaleFencingTokenException.class)
                .hasMessageContaining("fencing token " + old.shard().fencingToken());
        try (Connection c = target.getConnection();
                Statement s = c.createStatement();
                ResultSet row = s.executeQuery(
                        "SELECT written_by, fence FROM shard_sync WHERE job_key = 'it-fencing' AND shard_index = 7")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("new-holder");
            assertThat(row.getLong(2)).isEqualTo(current.shard().fencingToken());
        }
        assertThat(old.isHeld()).isFalse();
        current.release();
    }

    private int write(Shard shard, String writer) throws Exception {
        try (Connection c = target.getConnection()) {
            return FencedWrite.execute(
                    c,
                    shard,
                    ShardSync.FENCED_UPSERT,
                    shard.jobKey(),
                    shard.index(),
                    shard.total(),
                    "run",
                    shard.fencingToken(),
                    writer,
                    Timestamp.from(Instant.now()));
        }
    }

    private ChronoflowWorker.Builder worker(String id, RedissonClient redis, Duration heartbeat, Duration ttl) {
        return ChronoflowWorker.builder()
                .engineUrl(baseUrl() + "/engine-rest")
                .basicAuth(ADMIN, ADMIN_PASSWORD)
                .workerId(id)
                .capacity(4)
                .longPoll(Duration.ofSeconds(5))
                .redisson(redis)
                .keyPrefix(KEY_PREFIX)
                .heartbeat(heartbeat, ttl);
    }

    private RedissonClient redis() {
        RedissonClient client = Redisson.create(redisConfig());
        resources.add(client::shutdown);
        return client;
    }

    private static Config redisConfig() {
        Config config = new Config();
        config.setLockWatchdogTimeout(5_000);
        config.useSingleServer().setAddress(REDIS_URL);
        return config;
    }

    private Set<String> listedIds() {
        Set<String> ids = new HashSet<>();
        EngineHttp.json(asAdmin().get("/api/v1/workers"))
                .get("workers")
                .forEach(w -> ids.add(w.get("id").asText()));
        return ids;
    }

    private static JsonNode findWorker(JsonNode workers, String id) {
        for (JsonNode w : workers) {
            if (w.get("id").asText().equals(id)) {
                return w;
            }
        }
        throw new AssertionError("worker " + id + " not listed: " + workers);
    }
}

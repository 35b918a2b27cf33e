package io.chronoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoflow.engine.support.Models;
import io.chronoflow.engine.support.TestDatabase;
import io.chronoflow.testkit.EngineHttp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Every PostgreSQL connection of the engine and the workers killed ({@code pg_terminate_backend}) while a timer job
 * fires every two seconds and a sharded run is under way: the pools reconnect, the timer keeps firing, the run
 * completes with every shard written once by its newest token, and no incident is left.
 */
class PostgresConnectionsKilledIT extends ProcessTest {

    private static final String JOB = "e2e-pg-sharded";
    private static final String TICK = "e2e-pg-tick";
    private static final int SHARDS = 8;

    @Test
    void theEngineAndWorkersReconnectAndNothingIsLost() throws Exception {
        TestDatabase.recreateOnce();
        ShardedStack stack = new ShardedStack(REDIS_URL, JOB, SHARDS);
        EngineHttp admin = startEngineAndTwoWorkers(stack);
        deploy(admin, TICK, Models.timerProcess(TICK, "R/PT2S"));
        deploy(admin, JOB, Models.shardedProcess(JOB, "demo.shard-sync", SHARDS));
        String runId = stack.startRunAndAwaitAShardTaken(admin);

        int killed = terminateEveryOtherBackend();
        Instant at = Instant.now();
        // A request that meets a killed pooled connection may fail once; the next one gets a fresh connection.
        long ticksAtKill = await().atMost(Duration.ofSeconds(30)).until(() -> ticks(admin), n -> n >= 0);
        System.out.printf("postgres: terminated %d backends of the engine and workers%n", killed);
        assertThat(killed).isPositive();

        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> ShardedStack.completed(admin, runId));
        await().atMost(Duration.ofSeconds(30)).until(() -> ticks(admin) >= ticksAtKill + 3);
        System.out.printf(
                "postgres: sharded run completed and the timer fired again within %d ms of the kill%n",
                Duration.between(at, Instant.now()).toMillis());
        stack.assertEachShardWrittenOnceByTheNewestToken(runId);
        assertThat(EngineHttp.json(admin.get("/engine-rest/incident/count"))
                        .get("count")
                        .asInt())
                .isZero();
        assertThat(admin.postJson("/api/v1/jobs/" + TICK + "/pause", "").statusCode())
                .isEqualTo(200);
    }

    /** Kills every connection to the test database but this one; returns how many. */
    private static int terminateEveryOtherBackend() throws Exception {
        String database = TestDatabase.url().substring(TestDatabase.url().lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(), "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = '" + database + "' AND pid <> pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static long ticks(EngineHttp admin) {
        return EngineHttp.json(admin.get("/engine-rest/history/process-instance/count?processDefinitionKey=" + TICK))
                .path("count")
                .asLong(-1);
    }
}

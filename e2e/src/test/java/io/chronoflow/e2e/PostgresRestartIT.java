package io.chronoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's PostgreSQL (a cluster of the test's own) stopped for 10 s and started again while five jobs fire every
 * second and a sharded run is under way: the engine and the workers reconnect by themselves, every fire time of every
 * job still gets exactly one run (the late ones catch up), the run completes with every shard written once by its
 * newest token, and no incident is left.
 */
class PostgresRestartIT extends ProcessTest {

    private static final String JOB = "e2e-pg-restart-sharded";
    private static final int SHARDS = 8;
    private static final Duration DOWN = Duration.ofSeconds(10);

    private PostgresCluster postgres;

    @AfterEach
    void dropCluster() throws Exception {
        stopProcesses(); // before the database goes
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theEngineAndWorkersReconnectAndNoFireIsLostOrDoubled() throws Exception {
        postgres = PostgresCluster.start(dir);
        ShardedStack stack = new ShardedStack(REDIS_URL, JOB, SHARDS, postgres.url(), "postgres");
        EngineHttp admin = startEngineAndTwoWorkers(stack);
        deploy(admin, JOB, Models.shardedProcess(JOB, "demo.shard-sync", SHARDS));
        EverySecondJobs jobs = new EverySecondJobs("e2e-pg-restart", 5);
        Instant first = jobs.deploy(admin);
        EngineKillIT.sleepUntil(first.plusSeconds(5));
        String runId = stack.startRunAndAwaitAShardTaken(admin);

        postgres.stop();
        Instant stopped = Instant.now();
        EngineKillIT.sleepUntil(stopped.plus(DOWN));
        postgres.begin();
        Instant started = Instant.now();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> admin.get("/api/v1/jobs").statusCode() == 200);
        long answering = Duration.between(started, Instant.now()).toMillis();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> ShardedStack.completed(admin, runId));
        long runDone = Duration.between(started, Instant.now()).toMillis();
        EngineKillIT.sleepUntil(Instant.now().plusSeconds(10)); // regular fires again after the catch-up
        jobs.pauseAndDrain(admin);

        EverySecondJobs.Fires fires = jobs.assertEachFireTimeRanOnce(admin);
        stack.assertEachShardWrittenOnceByTheNewestToken(runId);
        assertThat(EngineHttp.json(admin.get("/engine-rest/incident/count"))
                        .get("count")
                        .asInt())
                .isZero();
        System.out.printf(
                "postgres stopped for %d s and started again: the engine answered %d ms after the start, the sharded"
                        + " run completed %d ms after it; 5 jobs every second: %s%n",
                DOWN.toSeconds(), answering, runDone, fires);
    }
}

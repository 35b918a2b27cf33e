package io.chronoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoflow.engine.support.TestDatabase;
import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.testkit.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of one of two engine nodes while ten jobs fire every second and two workers, each configured with
 * both engines' URLs, run the jobs' external tasks. The other node keeps firing every timer — those the dead node had
 * acquired after the leader hands them back — the workers carry on through it, and every fire time of every job gets
 * exactly one run, all of which complete.
 */
class EngineKillIT extends ProcessTest {

    private static final Duration BEFORE_KILL = Duration.ofSeconds(12);
    private static final Duration AFTER_KILL = Duration.ofSeconds(30);

    @Test
    void timersKeepFiringOnTheOtherNodeAndEveryFireTimeRunsExactlyOnce() throws Exception {
        TestDatabase.recreateOnce();
        ShardedStack stack = new ShardedStack(REDIS_URL, "e2e-engine-kill", 1);
        Map<String, String> engineEnv = stack.engineEnvironment(dir);
        ServiceProcess engineA =
                processes().start("engine-a", ENGINE_JAR, engineEnv).awaitHealthy(Duration.ofSeconds(120));
        ServiceProcess engineB =
                processes().start("engine-b", ENGINE_JAR, engineEnv).awaitHealthy(Duration.ofSeconds(120));
        Map<String, String> workerA = stack.workerEnvironment(engineA.baseUrl(), "w-a");
        workerA.put("CHRONOFLOW_ENGINE_URL", engineA.baseUrl() + "/engine-rest," + engineB.baseUrl() + "/engine-rest");
        Map<String, String> workerB = stack.workerEnvironment(engineB.baseUrl(), "w-b");
        workerB.put("CHRONOFLOW_ENGINE_URL", engineB.baseUrl() + "/engine-rest," + engineA.baseUrl() + "/engine-rest");
        processes().start("w-a", WORKER_JAR, workerA).awaitHealthy(Duration.ofSeconds(90));
        processes().start("w-b", WORKER_JAR, workerB).awaitHealthy(Duration.ofSeconds(90));
        EngineHttp viaA = EngineHttp.basic(engineA.baseUrl(), stack.admin, stack.password);
        EngineHttp viaB = EngineHttp.basic(engineB.baseUrl(), stack.admin, stack.password);

        EverySecondJobs jobs = new EverySecondJobs("e2e-engine-kill", 10);
        Instant first = jobs.deploy(viaA);
        sleepUntil(first.plus(BEFORE_KILL));
        engineA.kill();
        sleepUntil(Instant.now().plus(AFTER_KILL));
        jobs.pauseAndDrain(viaB);

        EverySecondJobs.Fires fires = jobs.assertEachFireTimeRanOnce(viaB);
        assertThat(EngineHttp.json(viaB.get("/engine-rest/incident/count"))
                        .get("count")
                        .asInt())
                .isZero();
        System.out.printf(
                "engine node killed (SIGKILL) %d s into 10 jobs firing every second: %s%n",
                BEFORE_KILL.toSeconds(), fires);
    }

    static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}

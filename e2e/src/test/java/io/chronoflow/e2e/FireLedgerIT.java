package io.chronoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoflow.engine.support.Models;
import io.chronoflow.engine.support.TestDatabase;
import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.testkit.ServiceProcess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The fire ledger across two engine jar processes on one PostgreSQL: 100 jobs firing every second (misfire {@code
 * catch-up}, threshold 0.5 s, so that a late fire also runs the fire times it stood for) make 10,000 fires in 100 s.
 * Afterwards every expected fire in the window has exactly one ledger record with a run, every run in the engine's
 * history is the run of exactly one fire, and reconciliation (grace 5 s) found nothing missing; once with both nodes
 * up, once with one killed ({@code kill -9}) half-way. Prints the counts per status, the lag and the commits per fire.
 */
class FireLedgerIT extends ProcessTest {

    private static final int JOBS = 100;
    private static final Duration WINDOW = Duration.ofSeconds(100);
    /** A fire due this long before the pause has had time to run and be recorded. */
    private static final Duration SETTLED = Duration.ofSeconds(5);

    @Test
    void twoNodesRunEveryExpectedFireExactlyOnce() throws Exception {
        Run run = new Run("e2e-ledger-both");
        run.startNodes();
        run.fire(null);
        Run.Outcome outcome = run.assertEveryFireRanExactlyOnce();
        System.out.printf("fire ledger, two engine nodes, %d jobs every second: %s%n", JOBS, outcome);
    }

    @Test
    void withOneNodeKilledHalfWayNoFireIsMissedOrDoubled() throws Exception {
        Run run = new Run("e2e-ledger-kill");
        run.startNodes();
        run.fire(WINDOW.dividedBy(2));
        Run.Outcome outcome = run.assertEveryFireRanExactlyOnce();
        System.out.printf(
                "fire ledger, two engine nodes, one killed (SIGKILL) %d s in, %d jobs every second: %s%n",
                WINDOW.dividedBy(2).toSeconds(), JOBS, outcome);
        // The ledger outlives the node: started again, the killed node reads the same records.
        ServiceProcess again =
                processes().start("engine-a-again", ENGINE_JAR, run.engineEnv).awaitHealthy(Duration.ofSeconds(120));
        EngineHttp viaAgain = EngineHttp.basic(again.baseUrl(), run.stack.admin, run.stack.password);
        long ranViaApi = 0;
        for (String status : List.of("on-time", "late")) {
            ranViaApi += EngineHttp.json(viaAgain.get("/api/v1/fires?status=" + status + "&from=" + run.first + "&to="
                            + run.windowEnd + "&size=1"))
                    .get("total")
                    .asLong();
        }
        try (Connection db = DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(), "")) {
            // Every job's fires, as the API answers across jobs (other tests' jobs may fire meanwhile, too).
            assertThat(ranViaApi)
                    .isEqualTo(count(
                            db,
                            "SELECT COUNT(*) FROM cf_fire WHERE status IN ('on-time', 'late') AND due_at BETWEEN ? AND ?",
                            run.first,
                            run.windowEnd))
                    .isGreaterThanOrEqualTo(outcome.fires());
        }
    }

    /** One run of the scenario on a pair of engine nodes of its own. */
    private final class Run {

        final String prefix;
        final ShardedStack stack;
        final Map<String, String> engineEnv;
        ServiceProcess engineA;
        ServiceProcess engineB;
        EngineHttp viaA;
        EngineHttp viaB;
        Instant first;
        Instant windowEnd;
        long commitsBefore;
        long commitsAfter;

        Run(String prefix) {
            this.prefix = prefix;
            TestDatabase.recreateOnce();
            this.stack = new ShardedStack(REDIS_URL, prefix, 1);
            Map<String, String> env = new HashMap<>(stack.engineEnvironment(dir));
            env.put("CHRONOFLOW_FIRE_AUDIT_GRACE", "PT5S");
            env.put("CHRONOFLOW_FIRE_AUDIT_INTERVAL", "PT2S");
            this.engineEnv = Map.copyOf(env);
        }

        void startNodes() {
            engineA = processes().start("engine-a", ENGINE_JAR, engineEnv).awaitHealthy(Duration.ofSeconds(120));
            engineB = processes().start("engine-b", ENGINE_JAR, engineEnv).awaitHealthy(Duration.ofSeconds(120));
            viaA = EngineHttp.basic(engineA.baseUrl(), stack.admin, stack.password);
            viaB = EngineHttp.basic(engineB.baseUrl(), stack.admin, stack.password);
        }

        /** Deploys the jobs, lets them fire for the window (killing node A after {@code killAfter}), pauses them. */
        void fire(Duration killAfter) throws Exception {
            first = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
            Map<String, String> catchUp = Map.of(
                    "chronoflow.misfire", "catch-up",
                    "chronoflow.misfire.threshold", "PT0.5S",
                    "chronoflow.misfire.max", "1000");
            ExecutorService deployers = Executors.newFixedThreadPool(4);
            List<Future<?>> deployed = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                String key = prefix + "-" + i;
                EngineHttp via = i % 2 == 0 ? viaA : viaB;
                deployed.add(deployers.submit(
                        () -> deploy(via, key, Models.timerProcess(key, "R/" + first + "/PT1S", catchUp))));
            }
            for (Future<?> f : deployed) {
                f.get();
            }
            deployers.shutdown();
            assertThat(Instant.now())
                    .as("all jobs deployed before their first fire")
                    .isBefore(first);
            EngineKillIT.sleepUntil(first.minusSeconds(1));
            commitsBefore = commits();
            if (killAfter != null) {
                EngineKillIT.sleepUntil(first.plus(killAfter));
                engineA.kill();
            }
            EngineKillIT.sleepUntil(first.plus(WINDOW));
            Instant pausing = Instant.now();
            commitsAfter = commits();
            windowEnd = pausing.minus(SETTLED).truncatedTo(ChronoUnit.SECONDS);
            for (int i = 0; i < JOBS; i++) {
                assertThat(viaB.postJson("/api/v1/jobs/" + prefix + "-" + i + "/pause", "")
                                .statusCode())
                        .isEqualTo(200);
            }
        }

        Outcome assertEveryFireRanExactlyOnce() throws SQLException {
            long expectedPerJob = Duration.between(first, windowEnd).toSeconds() + 1;
            try (Connection db = DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(), "")) {
                // Reconciliation has looked at the whole window of every job (and found what it found).
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> count(
                                        db,
                                        "SELECT COUNT(*) FROM cf_fire_watermark WHERE job_key LIKE ?"
                                                + " AND reconciled_until >= ?",
                                        prefix + "-%",
                                        windowEnd)
                                == JOBS);
                Map<String, Long> byStatus = new LinkedHashMap<>();
                try (PreparedStatement q = db.prepareStatement("SELECT status, COUNT(*) FROM cf_fire"
                        + " WHERE job_key LIKE ? AND due_at BETWEEN ? AND ? GROUP BY status ORDER BY status")) {
                    q.setString(1, prefix + "-%");
                    q.setObject(2, first.atOffset(ZoneOffset.UTC));
                    q.setObject(3, windowEnd.atOffset(ZoneOffset.UTC));
                    try (ResultSet rows = q.executeQuery()) {
                        while (rows.next()) {
                            byStatus.put(rows.getString(1), rows.getLong(2));
                        }
                    }
                }
                // Every expected fire of every job in the window: one record, with its run.
                long perJobMismatches = count(
                        db,
                        "SELECT COUNT(*) FROM (SELECT job_key FROM cf_fire WHERE job_key LIKE ? AND due_at BETWEEN ?"
                                + " AND ? AND run_id IS NOT NULL GROUP BY job_key HAVING COUNT(*) <> ?) wrong",
                        prefix + "-%",
                        first,
                        windowEnd,
                        expectedPerJob);
                long jobsWithRuns = count(
                        db,
                        "SELECT COUNT(DISTINCT job_key) FROM cf_fire WHERE job_key LIKE ? AND due_at BETWEEN ? AND ?",
                        prefix + "-%",
                        first,
                        windowEnd);
                assertThat(byStatus).as("statuses in the window").containsOnlyKeys("on-time", "late");
                assertThat(jobsWithRuns).isEqualTo(JOBS);
                assertThat(perJobMismatches)
                        .as("jobs without exactly %d fires with a run", expectedPerJob)
                        .isZero();
                // Every run the engine made is the run of exactly one fire, and every fire's run exists.
                long runs = count(db, "SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ LIKE ?", prefix + "-%");
                long firesWithRun = count(
                        db,
                        "SELECT COUNT(DISTINCT f.run_id) FROM cf_fire f JOIN ACT_HI_PROCINST p ON p.ID_ = f.run_id"
                                + " WHERE f.job_key LIKE ?",
                        prefix + "-%");
                long refused = count(
                        db,
                        "SELECT COALESCE(SUM(duplicates_refused), 0) FROM cf_fire WHERE job_key LIKE ?",
                        prefix + "-%");
                assertThat(firesWithRun).as("runs that are the run of a fire").isEqualTo(runs);
                List<Long> lags = new ArrayList<>();
                try (PreparedStatement q = db.prepareStatement("SELECT lag_ms FROM cf_fire WHERE job_key LIKE ? AND"
                        + " due_at BETWEEN ? AND ? AND run_id IS NOT NULL ORDER BY lag_ms")) {
                    q.setString(1, prefix + "-%");
                    q.setObject(2, first.atOffset(ZoneOffset.UTC));
                    q.setObject(3, windowEnd.atOffset(ZoneOffset.UTC));
                    try (ResultSet rows = q.executeQuery()) {
                        while (rows.next()) {
                            lags.add(rows.getLong(1));
                        }
                    }
                }
                long fires = expectedPerJob * JOBS;
                long firesBeforePause = count(
                        db,
                        "SELECT COUNT(*) FROM cf_fire WHERE job_key LIKE ? AND run_id IS NOT NULL AND started_at <= ?",
                        prefix + "-%",
                        first.plus(WINDOW));
                return new Outcome(
                        fires,
                        byStatus,
                        refused,
                        lags,
                        (double) (commitsAfter - commitsBefore) / Math.max(1, firesBeforePause));
            }
        }

        private long commits() throws SQLException {
            try (Connection db = DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(), "")) {
                // Statistics are per snapshot within a transaction; this connection's own query counts one commit.
                return count(db, "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
            }
        }

        /** What the run showed. */
        record Outcome(long fires, Map<String, Long> byStatus, long refused, List<Long> lags, double commitsPerFire) {

            long percentile(int p) {
                return lags.get(Math.min(lags.size() - 1, (int) Math.ceil(p / 100.0 * lags.size()) - 1));
            }

            @Override
            public String toString() {
                return ("%d expected fires in the window, each run exactly once; by status %s; second runs refused %d;"
                                + " lag p50 %d ms, p99 %d ms, largest %d ms; %.2f database commits per fire (engines"
                                + " and reconciliation, pg_stat_database)")
                        .formatted(
                                fires,
                                byStatus,
                                refused,
                                percentile(50),
                                percentile(99),
                                lags.get(lags.size() - 1),
                                commitsPerFire);
            }
        }
    }

    private static long count(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object arg = args[i];
                q.setObject(i + 1, arg instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : arg);
            }
            try (ResultSet rows = q.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}

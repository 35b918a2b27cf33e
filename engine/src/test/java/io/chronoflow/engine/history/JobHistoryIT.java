package io.chronoflow.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code chronoflow.history} per job: a job with {@code none} leaves no history rows for its fires and runs while the
 * fire ledger and the run metrics still record them; {@code activity} keeps runs and activities but no variables or
 * job logs; {@code full} keeps everything.
 */
class JobHistoryIT extends EngineIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    /** Deploys a job firing once, 3 s from now, waits for its fire's run, then triggers a run with a variable. */
    private void fireAndTrigger(String key, String history) {
        Instant due = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        deploy(key, Models.timerProcess(key, "R/" + due + "/PT1H", Map.of(JobHistory.PROPERTY, history)));
        // A bound, not a timing assertion: on a loaded machine the fire's run may take a while to be recorded.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> EngineHttp.json(asAdmin().get("/api/v1/jobs/" + key + "/fires?status=on-time"))
                                        .get("total")
                                        .asInt()
                                + EngineHttp.json(asAdmin().get("/api/v1/jobs/" + key + "/fires?status=late"))
                                        .get("total")
                                        .asInt()
                        == 1);
        HttpResponse<String> triggered = asRole("operator")
                .postJson("/api/v1/jobs/" + key + "/trigger", Map.of("variables", Map.of("orderCount", 3)));
        assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(201);
        asAdmin().postJson("/api/v1/jobs/" + key + "/pause", "");
    }

    private long rows(String table, String keyColumn, String key) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + keyColumn + " = ?", Long.class, key);
    }

    private String scrape() {
        return asAdmin().get("/actuator/prometheus").body();
    }

    @Test
    void aJobWithoutHistoryLeavesNoHistoryRowsButItsFiresAndRunsAreStillCounted() {
        String key = "it-history-none";
        fireAndTrigger(key, "none");

        assertThat(rows("ACT_HI_PROCINST", "PROC_DEF_KEY_", key)).isZero();
        assertThat(rows("ACT_HI_ACTINST", "PROC_DEF_KEY_", key)).isZero();
        assertThat(rows("ACT_HI_VARINST", "PROC_DEF_KEY_", key)).isZero();
        assertThat(rows("ACT_HI_JOB_LOG", "PROCESS_DEF_KEY_", key)).isZero();
        assertThat(rows("cf_fire", "job_key", key)).as("the fire ledger").isEqualTo(1);
        assertThat(scrape())
                .containsPattern("chronoflow_job_runs_total\\{[^}]*job_key=\"" + key + "\",outcome=\"completed\"} 2.0")
                .containsPattern("chronoflow_fires_total\\{[^}]*job_key=\"" + key + "\",status=\"(on-time|late)\"} 1.0")
                .doesNotContain("chronoflow_job_duration_seconds_count{application=\"chronoflow-engine\",job_key=\""
                        + key + "\"}");
    }

    @Test
    void aJobWithActivityHistoryKeepsRunsAndActivitiesButNoVariablesOrJobLogs() {
        String key = "it-history-activity";
        fireAndTrigger(key, "activity");

        assertThat(rows("ACT_HI_PROCINST", "PROC_DEF_KEY_", key)).isEqualTo(2);
        assertThat(rows("ACT_HI_ACTINST", "PROC_DEF_KEY_", key)).isEqualTo(4);
        assertThat(rows("ACT_HI_VARINST", "PROC_DEF_KEY_", key)).isZero();
        assertThat(rows("ACT_HI_JOB_LOG", "PROCESS_DEF_KEY_", key)).isZero();
        assertThat(EngineHttp.json(asRole("viewer").get("/api/v1/jobs/" + key + "/runs"))
                        .get("total")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void aJobWithFullHistoryKeepsEverything() {
        String key = "it-history-full";
        fireAndTrigger(key, "full");

        assertThat(rows("ACT_HI_PROCINST", "PROC_DEF_KEY_", key)).isEqualTo(2);
        assertThat(rows("ACT_HI_ACTINST", "PROC_DEF_KEY_", key)).isEqualTo(4);
        assertThat(rows("ACT_HI_VARINST", "PROC_DEF_KEY_", key)).isEqualTo(1);
        assertThat(rows("ACT_HI_JOB_LOG", "PROCESS_DEF_KEY_", key)).isPositive();
    }

    @Test
    void anUnknownHistoryLevelIsRefusedAtDeployment() {
        HttpResponse<String> refused = asAdmin()
                .postMultipart(
                        "/engine-rest/deployment/create",
                        Map.of("deployment-name", "it-history-bad"),
                        "it-history-bad.bpmn",
                        Models.timerProcess("it-history-bad", "0 0 * * * ?", Map.of(JobHistory.PROPERTY, "some")));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("chronoflow.history").contains("activity");
    }
}

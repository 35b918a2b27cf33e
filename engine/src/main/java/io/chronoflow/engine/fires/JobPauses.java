package io.chronoflow.engine.fires;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * When jobs were paused and resumed ({@code cf_job_pause}), so that fires due meanwhile count as {@code paused}.
 * Written by the jobs API as it pauses and resumes; pauses made another way (suspending the definition through {@code
 * /engine-rest} or Cockpit) are noticed by the reconciliation at its next pass.
 */
@Component
public class JobPauses {

    private final JdbcTemplate jdbc;

    public JobPauses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The job is paused from {@code at}, unless it is paused already. */
    public void paused(String jobKey, Instant at) {
        jdbc.update(
                "INSERT INTO cf_job_pause (job_key, paused_at) SELECT ?, ? WHERE NOT EXISTS"
                        + " (SELECT 1 FROM cf_job_pause WHERE job_key = ? AND resumed_at IS NULL)",
                jobKey,
                FireTable.time(at),
                jobKey);
    }

    /** The job's pause, if any, ends at {@code at}. */
    public void resumed(String jobKey, Instant at) {
        jdbc.update(
                "UPDATE cf_job_pause SET resumed_at = ? WHERE job_key = ? AND resumed_at IS NULL",
                FireTable.time(at),
                jobKey);
    }

    /** The jobs with a pause that has not ended. */
    Set<String> pausedJobs() {
        return new HashSet<>(
                jdbc.queryForList("SELECT job_key FROM cf_job_pause WHERE resumed_at IS NULL", String.class));
    }
}

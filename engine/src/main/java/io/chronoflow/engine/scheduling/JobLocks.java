package io.chronoflow.engine.scheduling;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands back the jobs a job executor acquired but has not executed: by this node when it stops, and by the leader for
 * a node that died holding them, so that they run at once elsewhere rather than after their lock time. A job that its
 * old owner is in fact still executing stays safe: both executions bump the job's revision, so only one of them can
 * commit.
 */
@Component
public class JobLocks {

    private final JdbcTemplate jdbc;

    public JobLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Unlocks every job locked by {@code lockOwner}; returns how many. */
    public int release(String lockOwner) {
        return jdbc.update(
                "UPDATE ACT_RU_JOB SET LOCK_OWNER_ = NULL, LOCK_EXP_TIME_ = NULL, REV_ = REV_ + 1"
                        + " WHERE LOCK_OWNER_ = ?",
                lockOwner);
    }
}

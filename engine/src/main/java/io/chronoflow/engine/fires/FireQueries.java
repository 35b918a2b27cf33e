package io.chronoflow.engine.fires;

import io.chronoflow.engine.api.TimeRange;
import io.chronoflow.engine.scheduling.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the fire ledger for the API: a job's fires, or fires of one status across jobs, newest due first. */
@Component
public class FireQueries {

    private final JdbcTemplate jdbc;

    public FireQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Fires due in the range, of one job and/or one status (null: any); {@link FireStatus#DUPLICATE_REFUSED} selects
     * fires that had a second run refused.
     */
    public Page<FireView> find(String jobKey, FireStatus status, TimeRange range, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE due_at >= ? AND due_at <= ?");
        List<Object> args = new ArrayList<>(List.of(FireTable.time(range.from()), FireTable.time(range.to())));
        if (jobKey != null) {
            where.append(" AND job_key = ?");
            args.add(jobKey);
        }
        if (status == FireStatus.DUPLICATE_REFUSED) {
            where.append(" AND duplicates_refused > 0");
        } else if (status != null) {
            where.append(" AND status = ?");
            args.add(status.id());
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM cf_fire" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<FireView> fires = jdbc.query(
                "SELECT job_key, due_at, status, reason, run_id, started_at, lag_ms, node, recorded_at,"
                        + " duplicates_refused, last_duplicate_at FROM cf_fire" + where
                        + " ORDER BY due_at DESC, job_key LIMIT ? OFFSET ?",
                (rows, n) -> view(rows),
                pageArgs.toArray());
        return new Page<>(fires, page, size, total == null ? 0 : total);
    }

    private static FireView view(ResultSet rows) throws SQLException {
        long lagValue = rows.getLong("lag_ms");
        Long lag = rows.wasNull() ? null : lagValue;
        return new FireView(
                rows.getString("job_key"),
                FireTable.instant(rows, 2),
                rows.getString("status"),
                rows.getString("reason"),
                rows.getString("run_id"),
                FireTable.instant(rows, 6),
                lag,
                rows.getString("node"),
                FireTable.instant(rows, 9),
                rows.getInt("duplicates_refused"),
                FireTable.instant(rows, 11));
    }
}

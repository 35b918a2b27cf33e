package io.chronoflow.engine.fires;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The statements on the ledger's tables ({@code cf_fire}, {@code cf_job_pause}), on a connection the caller brings:
 * inside a fire, the engine's own (so the ledger row commits or rolls back with the run); elsewhere, a Spring-managed
 * one.
 */
final class FireTable {

    private static final String COLUMNS =
            "job_key, due_at, status, reason, run_id, started_at, lag_ms, node, recorded_at";
    private static final String INSERT = "INSERT INTO cf_fire (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UNIQUE_VIOLATION = "23505";

    private FireTable() {}

    /** A ledger row as written. */
    record Row(
            String jobKey,
            Instant due,
            FireStatus status,
            String reason,
            String runId,
            Instant startedAt,
            Long lagMillis,
            String node,
            Instant recordedAt) {}

    /** A pause of a job: from {@code paused} until {@code resumed} (null: still paused). */
    record PauseWindow(Instant paused, Instant resumed) {
        boolean contains(Instant at) {
            return !at.isBefore(paused) && (resumed == null || at.isBefore(resumed));
        }

        /** True if {@code at} falls in one of {@code windows}. */
        static boolean anyContains(List<PauseWindow> windows, Instant at) {
            return windows.stream().anyMatch(w -> w.contains(at));
        }
    }

    /**
     * Inserts the row unless its fire is in the ledger already; true if inserted. On PostgreSQL a concurrent insert of
     * the same fire waits for the other transaction and then inserts nothing, without failing this transaction.
     */
    static boolean insertIfAbsent(Connection connection, Row row) throws SQLException {
        boolean postgres = isPostgres(connection);
        try (PreparedStatement insert =
                connection.prepareStatement(postgres ? INSERT + " ON CONFLICT (job_key, due_at) DO NOTHING" : INSERT)) {
            insert.setString(1, row.jobKey());
            insert.setObject(2, time(row.due()));
            insert.setString(3, row.status().id());
            insert.setString(4, row.reason());
            insert.setString(5, row.runId());
            insert.setObject(6, time(row.startedAt()));
            if (row.lagMillis() == null) {
                insert.setNull(7, java.sql.Types.BIGINT);
            } else {
                insert.setLong(7, row.lagMillis());
            }
            insert.setString(8, row.node());
            insert.setObject(9, time(row.recordedAt()));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            // Other databases (H2, single node): a failed statement does not end the transaction.
            if (!postgres && UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Claims a fire already in the ledger without a run (classified missed or paused before its run came, or queued)
     * for a run starting now; true if claimed.
     */
    static boolean claimWithoutRun(Connection connection, Row row) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE cf_fire SET status = ?, reason = NULL,"
                + " started_at = ?, lag_ms = ?, node = ?, recorded_at = ? WHERE job_key = ? AND due_at = ?"
                + " AND run_id IS NULL AND status IN ('missed', 'paused', 'queued')")) {
            update.setString(1, row.status().id());
            update.setObject(2, time(row.startedAt()));
            update.setLong(3, row.lagMillis());
            update.setString(4, row.node());
            update.setObject(5, time(row.recordedAt()));
            update.setString(6, row.jobKey());
            update.setObject(7, time(row.due()));
            return update.executeUpdate() == 1;
        }
    }

    /** Records the run a claimed fire started. */
    static void setRun(Connection connection, String jobKey, Instant due, String runId) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE cf_fire SET run_id = ? WHERE job_key = ? AND due_at = ?")) {
            update.setString(1, runId);
            update.setString(2, jobKey);
            update.setObject(3, time(due));
            update.executeUpdate();
        }
    }

    /** Counts a refused second run of a fire on the fire's row. */
    static void countDuplicate(Connection connection, String jobKey, Instant due, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE cf_fire SET duplicates_refused ="
                + " duplicates_refused + 1, last_duplicate_at = ? WHERE job_key = ? AND due_at = ?")) {
            update.setObject(1, time(at));
            update.setString(2, jobKey);
            update.setObject(3, time(due));
            update.executeUpdate();
        }
    }

    /** The due times of a job's fires in the ledger in {@code (from, to]}. */
    static Set<Instant> recorded(Connection connection, String jobKey, Instant from, Instant to) throws SQLException {
        Set<Instant> dues = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT due_at FROM cf_fire WHERE job_key = ? AND due_at > ? AND due_at <= ?")) {
            select.setString(1, jobKey);
            select.setObject(2, time(from));
            select.setObject(3, time(to));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    dues.add(instant(rows, 1));
                }
            }
        }
        return dues;
    }

    /** The job's pauses that overlap {@code [from, to]}, oldest first. */
    static List<PauseWindow> pauses(Connection connection, String jobKey, Instant from, Instant to)
            throws SQLException {
        List<PauseWindow> windows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT paused_at, resumed_at FROM cf_job_pause"
                + " WHERE job_key = ? AND paused_at <= ? AND (resumed_at IS NULL OR resumed_at > ?)"
                + " ORDER BY paused_at")) {
            select.setString(1, jobKey);
            select.setObject(2, time(to));
            select.setObject(3, time(from));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    windows.add(new PauseWindow(instant(rows, 1), instant(rows, 2)));
                }
            }
        }
        return windows;
    }

    static boolean isPostgres(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}

package io.chronoflow.engine.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The audit log table {@code cf_audit}: appended to by {@link AuditTrail}, read by {@link AuditController}. */
@Component
public class AuditLog {

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One audited request and its outcome. */
    public record Entry(
            Instant at, String actor, String action, String method, String target, int status, String remoteAddress) {}

    void append(Entry entry) {
        jdbc.update(
                "INSERT INTO cf_audit (at, actor, action, method, target, status, remote_address)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(entry.at()),
                truncate(entry.actor(), 255),
                entry.action(),
                entry.method(),
                truncate(entry.target(), 1000),
                entry.status(),
                truncate(entry.remoteAddress(), 64));
    }

    /** The newest entries first, between {@code from} and {@code to}, optionally of one actor or action. */
    public List<Entry> find(Instant from, Instant to, String actor, String action, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT at, actor, action, method, target, status, remote_address FROM cf_audit WHERE at >= ? AND at < ?");
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
        if (actor != null) {
            sql.append(" AND actor = ?");
            args.add(actor);
        }
        if (action != null) {
            sql.append(" AND action = ?");
            args.add(action);
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(
                sql.toString(),
                (row, n) -> new Entry(
                        row.getTimestamp(1).toInstant(),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getInt(6),
                        row.getString(7)),
                args.toArray());
    }

    /** Deletes the entries older than {@code cutoff}; returns how many. */
    public int purgeBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM cf_audit WHERE at < ?", Timestamp.from(cutoff));
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}

package io.chronoflow.worker.shard;

import io.chronoflow.worker.Shard;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Runs a write guarded by a fencing token and refuses to let a stale holder pass silently.
 *
 * <p>The statement carries the guard itself: it stores the token with the data and changes a row only when the stored
 * token is older. In PostgreSQL, for one row per shard:
 *
 * <pre>{@code
 * INSERT INTO shard_result (shard, payload, fence) VALUES (?, ?, ?)
 * ON CONFLICT (shard) DO UPDATE SET payload = EXCLUDED.payload, fence = EXCLUDED.fence
 * WHERE shard_result.fence < EXCLUDED.fence
 * }</pre>
 *
 * and for rows that exist already: {@code UPDATE item SET … , fence = ? WHERE id = ? AND fence < ?}. A write whose token
 * is not newer than the stored one changes no row; {@link #execute} then throws {@link StaleFencingTokenException}.
 * Use {@code <} (not {@code <=}) when a holder writes a row once; use {@code <=} when the same holder updates the same
 * row several times within its lease.
 */
public final class FencedWrite {

    private FencedWrite() {}

    /**
     * Binds {@code parameters} in order, executes, and returns the changed row count.
     *
     * @throws StaleFencingTokenException when no row changed: a newer token was there first.
     */
    public static int execute(Connection connection, Shard shard, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            int rows = statement.executeUpdate();
            return requireApplied(rows, shard);
        }
    }

    /** Checks the row count of a fenced statement run elsewhere (JPA, jOOQ, Spring's JdbcTemplate). */
    public static int requireApplied(int rows, Shard shard) {
        if (rows == 0) {
            throw new StaleFencingTokenException(
                    "shard " + shard.index() + " of " + shard.jobKey() + ": write with fencing token "
                            + shard.fencingToken() + " refused, a newer holder has written",
                    shard.fencingToken());
        }
        return rows;
    }
}

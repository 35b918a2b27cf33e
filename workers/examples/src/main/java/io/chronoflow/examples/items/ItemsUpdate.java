package io.chronoflow.examples.items;

import io.chronoflow.worker.Shard;
import io.chronoflow.worker.Task;
import io.chronoflow.worker.TaskContext;
import io.chronoflow.worker.TaskHandler;
import io.chronoflow.worker.shard.FencedWrite;
import io.chronoflow.worker.shard.StaleFencingTokenException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import javax.sql.DataSource;

/**
 * Handler of a sharded job over many work items (topic {@value #TOPIC}): each shard takes its contiguous range of the
 * ids in the table {@code items} and writes them in batches, one transaction and one {@code UPDATE} per batch, each
 * guarded by the shard's fencing token.
 *
 * <p>The guard is a row per shard in {@code item_shard_fence}: every batch's transaction first records the holder's
 * token there, only if no newer one is recorded ({@code WHERE fence <= token}), and then updates the items. A holder
 * whose token is older than the recorded one changes nothing: its transaction is rolled back and {@link
 * StaleFencingTokenException} stops the task, which the worker then does not report done ({@code CF-WORKER-004}). The
 * fence row also orders the holders of one shard: a newer holder's first batch waits for an older one's open
 * transaction to end. Items already written ({@code processed_at} set) are skipped, so a shard that runs again after
 * its holder lost the lock resumes where the committed batches end, and every item is written once; {@code writes}
 * counts the writes of each item, so that a test or benchmark can check it.
 *
 * <p>Works on PostgreSQL and H2.
 */
public final class ItemsUpdate implements TaskHandler {

    public static final String TOPIC = "demo.items";
    /** Items per batch unless told otherwise: one transaction and one statement each. */
    public static final int DEFAULT_BATCH = 1_000;

    public static final String CREATE_ITEMS = """
            CREATE TABLE IF NOT EXISTS items (
              id           BIGINT       NOT NULL PRIMARY KEY,
              processed_at TIMESTAMP WITH TIME ZONE,
              processed_by VARCHAR(255),
              fence        BIGINT,
              writes       INTEGER      NOT NULL DEFAULT 0)""";

    public static final String CREATE_FENCE = """
            CREATE TABLE IF NOT EXISTS item_shard_fence (
              job_key     VARCHAR(255) NOT NULL,
              shard_index INTEGER      NOT NULL,
              fence       BIGINT       NOT NULL,
              PRIMARY KEY (job_key, shard_index))""";

    /** Records the holder's token unless a newer one is recorded: no row changed means the holder is stale. */
    public static final String RECORD_FENCE = """
            MERGE INTO item_shard_fence t
            USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS INTEGER), CAST(? AS BIGINT)))
                  AS s (job_key, shard_index, fence)
            ON t.job_key = s.job_key AND t.shard_index = s.shard_index
            WHEN MATCHED AND t.fence <= s.fence THEN UPDATE SET fence = s.fence
            WHEN NOT MATCHED THEN INSERT (job_key, shard_index, fence) VALUES (s.job_key, s.shard_index, s.fence)""";

    /** One batch: the items of an id range not written yet. */
    public static final String WRITE_BATCH = """
            UPDATE items SET processed_at = ?, processed_by = ?, fence = ?, writes = writes + 1
            WHERE id BETWEEN ? AND ? AND processed_at IS NULL""";

    private static final String BOUNDS = "SELECT MIN(id), MAX(id) FROM items";

    private final DataSource target;
    private final String writer;
    private final int batchSize;

    /**
     * @param target the database holding {@code items} and {@code item_shard_fence}.
     * @param writer what {@code processed_by} records: the worker's id.
     * @param batchSize items per transaction.
     */
    public ItemsUpdate(DataSource target, String writer, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
        }
        this.target = target;
        this.writer = writer;
        this.batchSize = batchSize;
    }

    /** Creates both tables if they are missing. */
    public ItemsUpdate createTables() throws SQLException {
        try (Connection c = target.getConnection();
                Statement s = c.createStatement()) {
            s.execute(CREATE_ITEMS);
            s.execute(CREATE_FENCE);
        }
        return this;
    }

    @Override
    public void handle(Task task, TaskContext context) throws SQLException {
        Shard shard = context.shard()
                .orElseThrow(() -> new IllegalStateException(TOPIC + " tasks must be sharded (shardIndex)"));
        try (Connection c = target.getConnection()) {
            ItemRange range = bounds(c).shard(shard.index(), shard.total());
            c.setAutoCommit(false);
            try {
                for (ItemRange batch : range.batches(batchSize)) {
                    if (context.isCancelled()) {
                        return; // the lock is lost: the committed batches stay, the next holder does the rest
                    }
                    write(c, shard, batch, Timestamp.from(context.clock().instant()));
                }
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** One batch in one transaction: the fence first, then the items; rolled back whole when stale or failed. */
    private void write(Connection c, Shard shard, ItemRange batch, Timestamp now) throws SQLException {
        try {
            FencedWrite.execute(c, shard, RECORD_FENCE, shard.jobKey(), shard.index(), shard.fencingToken());
            try (PreparedStatement update = c.prepareStatement(WRITE_BATCH)) {
                update.setTimestamp(1, now);
                update.setString(2, writer);
                update.setLong(3, shard.fencingToken());
                update.setLong(4, batch.first());
                update.setLong(5, batch.last());
                update.executeUpdate();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** All ids of the table, in one autocommitted query. */
    private static ItemRange bounds(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet row = s.executeQuery(BOUNDS)) {
            row.next();
            long first = row.getLong(1);
            return row.wasNull() ? ItemRange.EMPTY : new ItemRange(first, row.getLong(2));
        }
    }
}

package io.chronoflow.examples;

import io.chronoflow.worker.Shard;
import io.chronoflow.worker.Task;
import io.chronoflow.worker.TaskContext;
import io.chronoflow.worker.TaskHandler;
import io.chronoflow.worker.shard.FencedWrite;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Handler of the {@code sharded-sync} example job (topic {@code demo.shard-sync}): each shard writes its row of the
 * table {@code shard_sync} through a fenced write, so a holder that lost its shard lock cannot overwrite the row of the
 * holder that took over. Works on PostgreSQL and H2.
 */
public final class ShardSync implements TaskHandler {

    public static final String TOPIC = "demo.shard-sync";

    public static final String CREATE_TABLE = """
            CREATE TABLE IF NOT EXISTS shard_sync (
              job_key     VARCHAR(255) NOT NULL,
              shard_index INTEGER      NOT NULL,
              shard_total INTEGER      NOT NULL,
              run_id      VARCHAR(64)  NOT NULL,
              fence       BIGINT       NOT NULL,
              written_by  VARCHAR(255) NOT NULL,
              written_at  TIMESTAMP    NOT NULL,
              PRIMARY KEY (job_key, shard_index))""";

    /** Insert the row, or replace it only when this holder's token is newer than the stored one. */
    public static final String FENCED_UPSERT = """
            MERGE INTO shard_sync t
            USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS VARCHAR(64)),
                           CAST(? AS BIGINT), CAST(? AS VARCHAR(255)), CAST(? AS TIMESTAMP)))
                  AS s (job_key, shard_index, shard_total, run_id, fence, written_by, written_at)
            ON t.job_key = s.job_key AND t.shard_index = s.shard_index
            WHEN MATCHED AND t.fence < s.fence THEN
              UPDATE SET shard_total = s.shard_total, run_id = s.run_id, fence = s.fence,
                         written_by = s.written_by, written_at = s.written_at
            WHEN NOT MATCHED THEN
              INSERT (job_key, shard_index, shard_total, run_id, fence, written_by, written_at)
              VALUES (s.job_key, s.shard_index, s.shard_total, s.run_id, s.fence, s.written_by, s.written_at)""";

    private final DataSource target;
    private final String writer;
    private final Duration work;

    public ShardSync(DataSource target, String writer) {
        this(target, writer, Duration.ZERO);
    }

    /**
     * @param work how long each shard pretends to work before it writes (for demonstrations and fault tests: a worker
     *     then holds its shards long enough to be killed while holding them).
     */
    public ShardSync(DataSource target, String writer, Duration work) {
        this.target = target;
        this.writer = writer;
        this.work = work;
    }

    /** Creates the target table if it is missing. */
    public ShardSync createTable() throws SQLException {
        try (Connection c = target.getConnection();
                Statement s = c.createStatement()) {
            s.execute(CREATE_TABLE);
        }
        return this;
    }

    @Override
    public void handle(Task task, TaskContext context) throws SQLException, InterruptedException {
        Shard shard = context.shard()
                .orElseThrow(() -> new IllegalStateException("demo.shard-sync tasks must be sharded (shardIndex)"));
        if (!work.isZero()) {
            Thread.sleep(work.toMillis()); // interrupted when the worker cancels the task: nothing is written
        }
        try (Connection c = target.getConnection()) {
            FencedWrite.execute(
                    c,
                    shard,
                    FENCED_UPSERT,
                    shard.jobKey(),
                    shard.index(),
                    shard.total(),
                    task.processInstanceId(),
                    shard.fencingToken(),
                    writer,
                    Timestamp.from(context.clock().instant()));
        }
    }
}

package io.chronoflow.examples.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoflow.testkit.PostgresDatabase;
import io.chronoflow.worker.Shard;
import io.chronoflow.worker.shard.StaleFencingTokenException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The items handler against the local PostgreSQL, on a database of its own ({@value #DATABASE}). */
class ItemsUpdateIT {

    private static final String DATABASE = "chronoflow_items_it";
    private static final String JOB = "items-job";
    private static final int ITEMS = 2_500;
    private static final int SHARDS = 2;
    private static final int BATCH = 1_000;

    private static String server;
    private static String user;
    private static PGSimpleDataSource database;

    @BeforeAll
    static void createDatabase() throws SQLException {
        String url = System.getProperty("chronoflow.it.db.url", "jdbc:postgresql://127.0.0.1:5432/chronoflow_test");
        server = url.substring(0, url.lastIndexOf('/') + 1);
        user = System.getProperty("chronoflow.it.db.user", "postgres");
        PostgresDatabase.recreate(server + DATABASE, user);
        database = new PGSimpleDataSource();
        database.setURL(server + DATABASE);
        database.setUser(user);
        new ItemsUpdate(database, "setup", BATCH).createTables();
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(server + "postgres", user, "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    @BeforeEach
    void freshItems() throws SQLException {
        execute(
                "TRUNCATE items, item_shard_fence",
                "INSERT INTO items (id) SELECT g FROM generate_series(1, " + ITEMS + ") g");
    }

    @Test
    void everyItemOfTheShardIsWrittenOnceWithTheShardsFenceAndNoOtherItem() throws Exception {
        new ItemsUpdate(database, "worker-a", BATCH).handle(ShardHolder.task(), new ShardHolder(shard(0, 41)));

        // Shard 0 of 2 over ids 1..2500 is 1..1250: two batches, 1,000 and 250.
        assertThat(count("processed_by = 'worker-a' AND fence = 41 AND writes = 1 AND processed_at IS NOT NULL"))
                .isEqualTo(1_250);
        assertThat(count("id BETWEEN 1 AND 1250 AND writes = 1")).isEqualTo(1_250);
        assertThat(count("writes = 0 AND processed_at IS NULL AND fence IS NULL"))
                .isEqualTo(1_250);
        assertThat(count("id > 1250 AND writes > 0")).isZero();
        assertThat(fence(0)).isEqualTo(41);
    }

    @Test
    void aStaleHolderChangesNothingAndIsStoppedAndTheNewestResumesTheShard() throws Exception {
        // The newer holder (token 7) writes shard 1's first batch, then loses its lock before the second.
        ShardHolder newer = new ShardHolder(shard(1, 7)).cancelAfter(1);
        new ItemsUpdate(database, "worker-new", BATCH).handle(ShardHolder.task(), newer);
        assertThat(count("processed_by = 'worker-new' AND fence = 7")).isEqualTo(1_000);
        List<Object> before = snapshot();

        // A holder with an older token (6), paused past its lease, wakes up and tries the shard.
        assertThatThrownBy(() -> new ItemsUpdate(database, "worker-stale", BATCH)
                        .handle(ShardHolder.task(), new ShardHolder(shard(1, 6))))
                .isInstanceOf(StaleFencingTokenException.class)
                .hasMessageContaining("fencing token 6 refused");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(count("processed_by = 'worker-stale'")).isZero();
        assertThat(fence(1)).isEqualTo(7);

        // The next holder (token 8) resumes: only the 250 items not yet written.
        new ItemsUpdate(database, "worker-next", BATCH).handle(ShardHolder.task(), new ShardHolder(shard(1, 8)));
        assertThat(count("processed_by = 'worker-next' AND fence = 8")).isEqualTo(250);
        assertThat(count("id BETWEEN 1251 AND 2500 AND writes = 1")).isEqualTo(1_250);
        assertThat(count("writes > 1")).isZero();
        assertThat(count("id <= 1250 AND writes > 0")).isZero();
        assertThat(fence(1)).isEqualTo(8);
    }

    @Test
    void aHolderRunningTheSameShardAgainWritesNothingTwice() throws Exception {
        ItemsUpdate handler = new ItemsUpdate(database, "worker-a", BATCH);
        handler.handle(ShardHolder.task(), new ShardHolder(shard(0, 3)));
        handler.handle(ShardHolder.task(), new ShardHolder(shard(0, 4)));
        assertThat(count("writes = 1")).isEqualTo(1_250);
        assertThat(count("writes > 1")).isZero();
        assertThat(count("fence = 3")).isEqualTo(1_250);
        assertThat(fence(0)).isEqualTo(4);
    }

    private static Shard shard(int index, long token) {
        return new Shard(JOB, index, SHARDS, null, token);
    }

    private static long count(String where) throws SQLException {
        try (Connection c = database.getConnection();
                Statement s = c.createStatement();
                var row = s.executeQuery("SELECT count(*) FROM items WHERE " + where)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static long fence(int shard) throws SQLException {
        try (Connection c = database.getConnection();
                Statement s = c.createStatement();
                var row = s.executeQuery("SELECT fence FROM item_shard_fence WHERE job_key = '" + JOB
                        + "' AND shard_index = " + shard)) {
            assertThat(row.next()).as("fence row of shard %d", shard).isTrue();
            return row.getLong(1);
        }
    }

    /** Every column of every item, in id order. */
    private static List<Object> snapshot() throws SQLException {
        List<Object> rows = new ArrayList<>();
        try (Connection c = database.getConnection();
                Statement s = c.createStatement();
                var row =
                        s.executeQuery("SELECT id, processed_at, processed_by, fence, writes FROM items ORDER BY id")) {
            while (row.next()) {
                rows.add(List.of(
                        row.getLong(1),
                        String.valueOf(row.getObject(2)),
                        String.valueOf(row.getString(3)),
                        String.valueOf(row.getObject(4)),
                        row.getInt(5)));
            }
        }
        return rows;
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection c = database.getConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}

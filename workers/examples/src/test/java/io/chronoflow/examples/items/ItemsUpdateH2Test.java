package io.chronoflow.examples.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoflow.worker.Shard;
import io.chronoflow.worker.shard.StaleFencingTokenException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The items handler's statements also run on H2, the worker app's default example database. */
class ItemsUpdateH2Test {

    @Test
    void aShardIsWrittenOnceAndAStaleHolderIsRefused() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:items-h2;DB_CLOSE_DELAY=-1");
        new ItemsUpdate(h2, "setup", 100).createTables();
        try (Connection c = h2.getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO items (id) SELECT x FROM SYSTEM_RANGE(1, 250)");
        }

        new ItemsUpdate(h2, "worker-a", 100).handle(ShardHolder.task(), new ShardHolder(new Shard("j", 0, 2, null, 5)));
        assertThat(count(h2, "processed_by = 'worker-a' AND fence = 5 AND writes = 1"))
                .isEqualTo(125);
        assertThatThrownBy(() -> new ItemsUpdate(h2, "worker-old", 100)
                        .handle(ShardHolder.task(), new ShardHolder(new Shard("j", 0, 2, null, 4))))
                .isInstanceOf(StaleFencingTokenException.class);
        assertThat(count(h2, "processed_by = 'worker-old'")).isZero();
        assertThat(count(h2, "processed_at IS NULL")).isEqualTo(125);
    }

    private static long count(JdbcDataSource h2, String where) throws SQLException {
        try (Connection c = h2.getConnection();
                Statement s = c.createStatement();
                ResultSet row = s.executeQuery("SELECT count(*) FROM items WHERE " + where)) {
            row.next();
            return row.getLong(1);
        }
    }
}

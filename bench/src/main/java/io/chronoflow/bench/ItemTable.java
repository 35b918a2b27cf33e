package io.chronoflow.bench;

import io.chronoflow.examples.items.ItemsUpdate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The items scenario's table {@code items} in one system's database, with the example handler's own DDL, read and
 * loaded by the harness over one connection of its own (each statement one transaction, counted).
 */
final class ItemTable implements AutoCloseable {

    private final String database;
    private final Connection connection;

    /** What the items hold after a run: how many were written once, more than once, and when the last was. */
    record Counts(long once, long moreThanOnce, Instant lastWritten) {}

    private ItemTable(String database, Connection connection) {
        this.database = database;
        this.connection = connection;
    }

    /** Opens {@code database} (which exists) and creates the tables if they are missing. */
    static ItemTable open(Options options, String database) {
        try {
            ItemTable table = new ItemTable(
                    database, DriverManager.getConnection(options.dbServer() + database, options.dbUser(), ""));
            table.execute(ItemsUpdate.CREATE_ITEMS, ItemsUpdate.CREATE_FENCE);
            return table;
        } catch (SQLException e) {
            throw new IllegalStateException(database + ": cannot open the items table", e);
        }
    }

    /** Empties the tables and fills {@code items} with ids 1..items, none written; then {@code ANALYZE}. */
    void reload(int items) {
        execute(
                "TRUNCATE items, item_shard_fence",
                "INSERT INTO items (id) SELECT g FROM generate_series(1, " + items + ") g",
                "ANALYZE items");
    }

    /** Items written so far: one query, one transaction. */
    long written() {
        try (Statement s = connection.createStatement();
                ResultSet row = s.executeQuery("SELECT count(*) FROM items WHERE processed_at IS NOT NULL")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(database + ": counting written items failed", e);
        }
    }

    /** One query, one transaction. */
    Counts counts() {
        try (Statement s = connection.createStatement();
                ResultSet row = s.executeQuery("SELECT count(*) FILTER (WHERE writes = 1),"
                        + " count(*) FILTER (WHERE writes > 1), max(processed_at) FROM items")) {
            row.next();
            Timestamp last = row.getTimestamp(3);
            return new Counts(row.getLong(1), row.getLong(2), last == null ? null : last.toInstant());
        } catch (SQLException e) {
            throw new IllegalStateException(database + ": counting items failed", e);
        }
    }

    private void execute(String... statements) {
        try (Statement s = connection.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing was pending on it
        }
    }
}

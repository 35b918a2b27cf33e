package io.chronoflow.examples.saga;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** One local transaction of a saga step on its service's own database: all of it commits, or none. */
final class LocalTransaction {

    /** SQLSTATE of a unique-key violation (PostgreSQL and H2). */
    private static final String DUPLICATE_KEY = "23505";

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private LocalTransaction() {}

    static <T> T run(DataSource database, Work<T> work) throws SQLException {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Runs DDL statements, each on its own, ignoring none. */
    static void ddl(DataSource database, String... statements) throws SQLException {
        try (Connection c = database.getConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /**
     * Inserts a row keyed by its idempotency key; false when the key exists, i.e. this effect was applied before (a
     * redelivered task). Runs in a savepoint so the surrounding transaction survives the duplicate.
     */
    static boolean insertOnce(Connection c, String sql, Object... parameters) throws SQLException {
        var savepoint = c.setSavepoint();
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                insert.setObject(i + 1, parameters[i]);
            }
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                c.rollback(savepoint);
                return false;
            }
            throw e;
        }
    }

    static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        }
    }
}

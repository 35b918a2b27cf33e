package io.chronoflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * PostgreSQL's own count of committed transactions in one database ({@code pg_stat_database.xact_commit}), read through
 * the maintenance database {@code postgres} so that reading it commits nothing in the database measured. Backends
 * report their counts at most once a second, so a reading wants a quiet second or two before it.
 */
final class DatabaseStats {

    private final String maintenanceUrl;
    private final String user;

    DatabaseStats(Options options) {
        this.maintenanceUrl = options.dbServer() + "postgres";
        this.user = options.dbUser();
    }

    long commits(String database) {
        try (Connection c = DriverManager.getConnection(maintenanceUrl, user, "");
                PreparedStatement query =
                        c.prepareStatement("select xact_commit from pg_stat_database where datname = ?")) {
            query.setString(1, database);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_database for " + database, e);
        }
    }
}

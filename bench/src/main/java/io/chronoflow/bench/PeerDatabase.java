package io.chronoflow.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chronoflow.testkit.PostgresDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The database of one in-process system (a peer or the raw-SQL queue), dropped and created afresh, with a HikariCP
 * pool; its own database so that {@code pg_stat_database} counts its commits alone.
 */
final class PeerDatabase implements AutoCloseable {

    private final String name;
    private final HikariDataSource pool;

    private PeerDatabase(String name, HikariDataSource pool) {
        this.name = name;
        this.pool = pool;
    }

    /** A pool of {@code poolSize} connections, all kept open. */
    static PeerDatabase recreate(Options options, String name, int poolSize) {
        return recreate(options, name, poolSize, poolSize);
    }

    /** A pool that keeps {@code idle} connections open and opens up to {@code poolSize} on demand. */
    static PeerDatabase recreate(Options options, String name, int poolSize, int idle) {
        String url = options.dbServer() + name;
        PostgresDatabase.recreate(url, options.dbUser());
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(options.dbUser());
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(idle);
        return new PeerDatabase(name, new HikariDataSource(config));
    }

    String name() {
        return name;
    }

    DataSource dataSource() {
        return pool;
    }

    /** Runs statements one after the other, each committed on its own. */
    void execute(String... statements) {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    /** A {@code select count(*) ...}: exactly one transaction in this database. */
    long count(String query) {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet row = s.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    /** Closes the idle pooled connections, so that their backends exit and report their transaction counts. */
    void closeIdleConnections() {
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    /** Refreshes the planner's statistics after a bulk load (autovacuum may be off). */
    void analyze() {
        execute("ANALYZE");
    }

    @Override
    public void close() {
        pool.close();
    }
}

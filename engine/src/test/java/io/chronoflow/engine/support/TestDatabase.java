package io.chronoflow.engine.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The integration tests' own PostgreSQL database, dropped and created afresh once per test JVM so that every run
 * starts from an empty schema built by the engine itself.
 */
public final class TestDatabase {

    private static final String URL =
            System.getProperty("chronoflow.it.db.url", "jdbc:postgresql://127.0.0.1:5432/chronoflow_test");
    private static final String USER = System.getProperty("chronoflow.it.db.user", "postgres");
    private static boolean fresh;

    private TestDatabase() {}

    public static String url() {
        return URL;
    }

    public static String user() {
        return USER;
    }

    /** Drops and re-creates the database the first time it is called in this JVM. */
    public static synchronized void recreateOnce() {
        if (fresh) {
            return;
        }
        int slash = URL.lastIndexOf('/');
        String name = URL.substring(slash + 1).replaceAll("\\?.*", "");
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("unexpected test database name: " + name);
        }
        String maintenance = URL.substring(0, slash + 1) + "postgres";
        try (Connection c = DriverManager.getConnection(maintenance, USER, "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot re-create the test database " + name + " via " + maintenance, e);
        }
        fresh = true;
    }
}

package io.chronoflow.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A PostgreSQL database that tests and benchmarks own outright: dropped and created afresh on request. */
public final class PostgresDatabase {

    private PostgresDatabase() {}

    /** Drops (forcing other sessions off) and re-creates the database {@code url} names, through {@code postgres}. */
    public static void recreate(String url, String user) {
        int slash = url.lastIndexOf('/');
        String name = url.substring(slash + 1).replaceAll("\\?.*", "");
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("unexpected database name: " + name);
        }
        String maintenance = url.substring(0, slash + 1) + "postgres";
        try (Connection c = DriverManager.getConnection(maintenance, user, "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot re-create the database " + name + " via " + maintenance, e);
        }
    }
}

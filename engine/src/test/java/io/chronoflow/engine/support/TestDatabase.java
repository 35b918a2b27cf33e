package io.chronoflow.engine.support;

import io.chronoflow.testkit.PostgresDatabase;

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
        PostgresDatabase.recreate(URL, USER);
        fresh = true;
    }
}

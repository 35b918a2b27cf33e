package io.chronoflow.bench;

import java.time.Duration;
import java.util.List;

/**
 * A system under test as the drain scenario sees it: it takes {@code jobs} one-shot jobs that are due at once, holds
 * them until released, then runs them all as fast as it can. One target serves one drain and is closed after it.
 */
interface DrainTarget extends AutoCloseable {

    /** The row label in the report, e.g. {@code chronoflow, 4 threads}; by default the system's name. */
    default String label() {
        return system();
    }

    /** The system this is a variant of, one of {@link Options#SYSTEMS}. */
    String system();

    /** The PostgreSQL database only this system uses, for {@code pg_stat_database}. */
    String database();

    /** Operating-system processes other than the harness's JVM that do this system's work (their CPU counts). */
    default List<ProcessHandle> processes() {
        return List.of();
    }

    /** Creates the jobs, due now, and gets ready to run them without running any; ends with {@code ANALYZE}. */
    void load(int jobs);

    /**
     * Makes the system's database sessions report their transaction counts now, where it can (by closing idle pooled
     * connections: a backend reports when it exits); otherwise they report within a second, or ten under contention.
     */
    default void reportCommits() {}

    /** How long after {@link #close()} its database sessions may still take to report their transaction counts. */
    default Duration reportDelay() {
        return Duration.ofSeconds(3);
    }

    /** Lets the system run the jobs; returns at once. */
    void release();

    /** How many jobs have not finished: one query, exactly one transaction in {@link #database()}. */
    long remaining();

    /** Stops the system's work and closes its connections; called once the drain is over, and again at the end. */
    @Override
    void close();
}

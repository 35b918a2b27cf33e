package io.chronoflow.bench;

import java.time.Duration;
import java.util.List;

/**
 * A system under test as the items scenario sees it: it takes a number of work items, rows of its table {@code items},
 * gets ready to write each once without writing any, and writes them all as fast as it can once released.
 */
interface ItemsTarget extends AutoCloseable {

    /** One of {@link Options#SYSTEMS}. */
    String system();

    /** How the system splits the work, for the report: e.g. {@code 16 shards × 1,000 per batch, 2 workers}. */
    String shape();

    /** The databases only this system uses, for {@code pg_stat_database}; the items' one among them. */
    List<String> databases();

    /** The table of items, in one of {@link #databases()}. */
    ItemTable table();

    /** Operating-system processes other than the harness's JVM that do this system's work (their CPU counts). */
    default List<ProcessHandle> processes() {
        return List.of();
    }

    /** Loads {@code items} items and gets ready to write them; returns at once when ready. */
    void load(int items);

    /** Lets the system write the items; returns at once. */
    void release();

    /**
     * Whether the system has finished the work (Chronoflow: the job's run has ended; db-scheduler: no item task is
     * left): one query, one transaction in {@link #databases()}. Cheaper than counting the written items.
     */
    boolean finished();

    /** The system's own wall time of the work (Chronoflow: the run's start to end by its history); NaN if none. */
    default double ownSeconds() {
        return Double.NaN;
    }

    /** How long after the work its database sessions may still take to report their transaction counts. */
    Duration reportDelay();

    /** Stops the system's work; called once the items are counted. */
    @Override
    void close();
}

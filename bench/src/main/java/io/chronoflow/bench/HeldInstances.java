package io.chronoflow.bench;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * A drain's jobs on a Camunda-based engine (Chronoflow's, or vanilla Camunda): one instance of {@value #PROCESS}
 * (start, external task {@value #TOPIC}, end) per job, created through {@code /engine-rest}, then held by suspending
 * the definition together with its instances (which suspends their external tasks) and released by activating them
 * all in one call. A job has finished when its external task (and so its instance) is gone; the harness counts them
 * on a connection of its own to the engine's database, one transaction per count.
 */
final class HeldInstances implements AutoCloseable {

    static final String MODEL = "bench-drain.bpmn";
    static final String PROCESS = "bench-drain";
    static final String TOPIC = "bench-drain";

    private final String label;
    private final EngineRest rest;
    private final Connection connection;
    private final Progress progress;

    HeldInstances(String label, EngineRest rest, Connection connection, Progress progress) {
        this.label = label;
        this.rest = rest;
        this.connection = connection;
        this.progress = progress;
    }

    /**
     * Creates {@code jobs} instances (the model deployed already), runs {@code ANALYZE}, then suspends them all.
     *
     * <p>{@code ANALYZE} comes before the suspension, so that the statistics describe the backlog as it is drained: open
     * tasks, all active. Taken while they were suspended, they told PostgreSQL that no task of the topic is active, and
     * it planned the fetch query (Camunda's and the dispatcher's alike) as if it matched one row: a sequential scan and
     * a nested loop over all of them, 300 ms per fetch at 50,000 open tasks instead of 0.2 ms, until the backlog was
     * almost gone. In production autovacuum re-analyzes a table after such a mass update; here it is off.
     */
    void create(int jobs) {
        progress.say("%s: drain: creating %d jobs", label, jobs);
        long start = System.nanoTime();
        rest.startInstances(PROCESS, jobs);
        try (Statement s = connection.createStatement()) {
            s.execute("ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException(label + ": ANALYZE failed", e);
        }
        setSuspended(true);
        awaitNoActiveTasks();
        progress.say("%s: drain: %d jobs created and held in %.1f s", label, jobs, (System.nanoTime() - start) / 1e9);
    }

    void release() {
        setSuspended(false);
    }

    /** The jobs not finished: one query, one transaction. */
    long remaining() {
        return count("true");
    }

    /**
     * One {@code /engine-rest} call; with tens of thousands of instances on a busy machine it may outlast the HTTP
     * timeout while the engine goes on and commits it, so a timeout is reported, not fatal.
     */
    private void setSuspended(boolean suspended) {
        try {
            rest.setSuspended(PROCESS, suspended);
        } catch (UncheckedIOException e) {
            progress.say(
                    "%s: %s still running after the HTTP timeout (%s)",
                    label, suspended ? "suspension" : "activation", e.getMessage());
        }
    }

    private void awaitNoActiveTasks() {
        Instant limit = Instant.now().plus(Duration.ofMinutes(5));
        while (count("suspension_state_ = 1") > 0) {
            if (Instant.now().isAfter(limit)) {
                throw new IllegalStateException(label + ": the external tasks were not suspended within 5 minutes");
            }
            DrainScenario.pause(Duration.ofMillis(500));
        }
    }

    private long count(String condition) {
        try (Statement s = connection.createStatement();
                ResultSet row = s.executeQuery(
                        "select count(*) from act_ru_ext_task where topic_name_ = '" + TOPIC + "' and " + condition)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(label + ": counting open tasks failed", e);
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

package io.chronoflow.bench;

import java.time.Instant;
import java.util.List;

/**
 * A system under test as the timer-lag scenarios (steady, idle) see it: it takes timers due at given instants, each
 * under a run name, and reports each fire's lag from its own record of when the job ran.
 */
interface TimerTarget extends AutoCloseable {

    /** One of {@link Options#SYSTEMS}. */
    String system();

    /** Timers per second the harness can count on while creating them up front (conservative). */
    int creationRate();

    /** Creates one timer per due instant under {@code run}; returns how many were created less than 1 s before due. */
    int schedule(String run, List<Instant> dues);

    /** The lags (fire time - due time, milliseconds) of the fires of {@code run} recorded so far. */
    List<Long> lags(String run);

    /** Refreshes the planner's statistics after a bulk creation (autovacuum may be off). */
    void analyze();

    @Override
    void close();
}

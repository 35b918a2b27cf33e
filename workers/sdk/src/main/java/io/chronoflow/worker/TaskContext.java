package io.chronoflow.worker;

import java.time.Clock;
import java.util.Optional;

/** What a handler may use besides its task: output variables, its shard, and the signal to stop. */
public interface TaskContext {

    /** Sets a variable on the run when the task completes (or with the BPMN error). */
    void setVariable(String name, Object value);

    /** The shard this task runs, with its fencing token, when the task is a sharded one. */
    Optional<Shard> shard();

    /**
     * True once the worker must stop this task: its shard lock was lost, or the worker is shutting down past its grace
     * period. A long handler checks this between steps (the thread is interrupted too) and returns; nothing is reported
     * for a cancelled task, so the engine hands it out again.
     */
    boolean isCancelled();

    /** The worker's clock, replaceable in tests. */
    Clock clock();
}

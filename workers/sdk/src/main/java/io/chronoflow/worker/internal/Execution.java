package io.chronoflow.worker.internal;

import io.chronoflow.worker.Shard;
import io.chronoflow.worker.Task;
import io.chronoflow.worker.TaskContext;
import io.chronoflow.worker.shard.ShardLease;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One task being run: its output variables, its shard lease, and whether it has been cancelled. */
final class Execution implements TaskContext {

    private final Task task;
    private final Clock clock;
    private final Map<String, Object> output = new LinkedHashMap<>();
    private volatile ShardLease lease;
    private volatile Thread thread;
    private volatile boolean cancelled;
    private volatile Instant lockExtendedAt;

    Execution(Task task, Clock clock) {
        this.task = task;
        this.clock = clock;
        this.lockExtendedAt = clock.instant();
    }

    Task task() {
        return task;
    }

    @Override
    public synchronized void setVariable(String name, Object value) {
        output.put(name, value);
    }

    synchronized Map<String, Object> output() {
        return new LinkedHashMap<>(output);
    }

    @Override
    public Optional<Shard> shard() {
        ShardLease held = lease;
        return held == null ? Optional.empty() : Optional.of(held.shard());
    }

    Optional<ShardLease> lease() {
        return Optional.ofNullable(lease);
    }

    void lease(ShardLease lease) {
        this.lease = lease;
    }

    @Override
    public boolean isCancelled() {
        return cancelled || Thread.currentThread().isInterrupted() && Thread.currentThread() == thread;
    }

    /** Marks the task cancelled and interrupts the handler thread. */
    void cancel() {
        cancelled = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    void runningOn(Thread thread) {
        this.thread = thread;
    }

    Instant lockExtendedAt() {
        return lockExtendedAt;
    }

    void lockExtendedAt(Instant at) {
        this.lockExtendedAt = at;
    }

    @Override
    public Clock clock() {
        return clock;
    }
}

package io.chronoflow.examples.items;

import io.chronoflow.worker.Shard;
import io.chronoflow.worker.Task;
import io.chronoflow.worker.TaskContext;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The context a worker gives a shard's holder; cancelled (its lock lost) after a number of checks if told. */
final class ShardHolder implements TaskContext {

    private final Shard shard;
    private final AtomicInteger checks = new AtomicInteger();
    private int cancelAfter = Integer.MAX_VALUE;

    ShardHolder(Shard shard) {
        this.shard = shard;
    }

    /** A task of the items topic, as the worker hands it over. */
    static Task task() {
        return new Task("task-1", ItemsUpdate.TOPIC, "items-job", "run-1", "shard", null, null, 0, null, null, null);
    }

    ShardHolder cancelAfter(int checks) {
        this.cancelAfter = checks;
        return this;
    }

    @Override
    public void setVariable(String name, Object value) {
        throw new AssertionError("the items handler sets no variables");
    }

    @Override
    public Optional<Shard> shard() {
        return Optional.of(shard);
    }

    @Override
    public boolean isCancelled() {
        return checks.getAndIncrement() >= cancelAfter;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }
}

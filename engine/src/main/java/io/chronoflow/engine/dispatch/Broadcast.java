package io.chronoflow.engine.dispatch;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One shard per live worker: shard {@code i} goes to the {@code i}-th live worker (by id), so a run with as many shards
 * as there are live workers reaches each of them once. A task that is not sharded goes to a ready worker in turn.
 */
final class Broadcast implements Route {

    private final RoundRobin unsharded = new RoundRobin();

    @Override
    public Optional<String> choose(RoutedTask task, List<Candidate> live, Set<String> ready) {
        if (task.shardIndex() == null) {
            return unsharded.choose(task, live, ready);
        }
        if (live.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                live.get(Math.floorMod(task.shardIndex(), live.size())).workerId());
    }
}

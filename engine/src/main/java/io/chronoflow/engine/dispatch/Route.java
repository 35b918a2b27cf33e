package io.chronoflow.engine.dispatch;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the worker for a task. {@code live} are all live workers of the topic, in the order of the registry (by id);
 * {@code ready} are the ids of those with a fetch request waiting now. A route that returns a live worker that is not
 * ready holds the task for it (failover, consistent hash, broadcast pin work to a worker); the others choose among the
 * ready ones only. Empty means: hand the task to nobody now.
 */
public interface Route {

    Optional<String> choose(RoutedTask task, List<Candidate> live, Set<String> ready);

    static List<Candidate> readyOnly(List<Candidate> live, Set<String> ready) {
        return live.stream().filter(c -> ready.contains(c.workerId())).toList();
    }
}

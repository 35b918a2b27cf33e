package io.chronoflow.engine.dispatch;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sends everything to the first live worker in priority order (highest weight first, then by id); the next one takes
 * over only when it has left the registry. While the primary is alive but busy, tasks wait for it.
 */
final class Failover implements Route {

    static final Comparator<Candidate> PRIORITY =
            Comparator.comparingInt(Candidate::weight).reversed().thenComparing(Candidate::workerId);

    @Override
    public Optional<String> choose(RoutedTask task, List<Candidate> live, Set<String> ready) {
        return live.stream().min(PRIORITY).map(Candidate::workerId);
    }
}

package io.chronoflow.engine.dispatch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Smooth weighted round-robin (the algorithm nginx uses): each pick adds every ready worker's weight to its running
 * score, takes the highest score and subtracts the total. Over any window a worker of weight 3 gets three picks for
 * every one of a worker of weight 1, interleaved rather than in bursts.
 */
final class WeightedRoundRobin implements Route {

    private final Map<String, Long> score = new HashMap<>();

    @Override
    public synchronized Optional<String> choose(RoutedTask task, List<Candidate> live, Set<String> ready) {
        List<Candidate> candidates = Route.readyOnly(live, ready);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        long total = 0;
        Candidate best = null;
        long bestScore = Long.MIN_VALUE;
        for (Candidate c : candidates) {
            long s = score.merge(c.workerId(), (long) c.weight(), Long::sum);
            total += c.weight();
            if (s > bestScore) {
                bestScore = s;
                best = c;
            }
        }
        score.put(best.workerId(), bestScore - total);
        score.keySet().retainAll(live.stream().map(Candidate::workerId).toList());
        return Optional.of(best.workerId());
    }
}

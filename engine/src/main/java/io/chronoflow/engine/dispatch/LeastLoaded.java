package io.chronoflow.engine.dispatch;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Picks the ready worker with the fewest tasks locked to it (ties: by id). */
final class LeastLoaded implements Route {

    @Override
    public Optional<String> choose(RoutedTask task, List<Candidate> live, Set<String> ready) {
        return Route.readyOnly(live, ready).stream()
                .min(Comparator.comparingLong(Candidate::inFlight).thenComparing(Candidate::workerId))
                .map(Candidate::workerId);
    }
}

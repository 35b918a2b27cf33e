package io.chronoflow.engine.dispatch;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Picks a ready worker uniformly at random. */
final class RandomRoute implements Route {

    private final RandomGenerator random;

    RandomRoute(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public Optional<String> choose(RoutedTask task, List<Candidate> live, Set<String> ready) {
        List<Candidate> candidates = Route.readyOnly(live, ready);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(candidates.get(random.nextInt(candidates.size())).workerId());
    }
}

package io.chronoflow.engine.dispatch;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Takes the ready workers in turn. */
final class RoundRobin implements Route {

    private final AtomicLong next = new AtomicLong();

    @Override
    public Optional<String> choose(RoutedTask task, List<Candidate> live, Set<String> ready) {
        List<Candidate> candidates = Route.readyOnly(live, ready);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        int index = (int) Math.floorMod(next.getAndIncrement(), (long) candidates.size());
        return Optional.of(candidates.get(index).workerId());
    }
}

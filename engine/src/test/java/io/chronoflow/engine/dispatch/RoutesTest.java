package io.chronoflow.engine.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private static final Candidate A = new Candidate("a", 1, 0);
    private static final Candidate B = new Candidate("b", 1, 0);
    private static final Candidate C = new Candidate("c", 1, 0);

    private static RoutedTask task(int n) {
        return new RoutedTask("t" + n, "topic", "key-" + n, "run-" + n, null);
    }

    private static Set<String> ids(List<Candidate> cs) {
        return cs.stream().map(Candidate::workerId).collect(Collectors.toSet());
    }

    private static Map<String, Integer> picks(Route route, List<Candidate> live, int n) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(route.choose(task(i), live, ids(live)).orElseThrow(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void roundRobinTakesReadyWorkersInTurnAndSkipsBusyOnes() {
        Route route = new RoundRobin();
        List<Candidate> live = List.of(A, B, C);

        List<String> order = IntStream.range(0, 6)
                .mapToObj(i -> route.choose(task(i), live, ids(live)).orElseThrow())
                .toList();
        assertThat(order).containsExactly("a", "b", "c", "a", "b", "c");
        assertThat(route.choose(task(9), live, Set.of("b"))).contains("b");
        assertThat(route.choose(task(9), live, Set.of())).isEmpty();
    }

    @Test
    void randomSpreadsEvenlyAndPicksOnlyReadyWorkers() {
        Route route = new RandomRoute(new SplittableRandom(42));
        Map<String, Integer> counts = picks(route, List.of(A, B), 4_000);

        assertThat(counts.get("a") / 4_000.0).isCloseTo(0.5, within(0.05));
        assertThat(route.choose(task(1), List.of(A, B), Set.of("a"))).contains("a");
    }

    @Test
    void weightedRoundRobinWithWeights3To1GivesSharesWithin5Percent() {
        Route route = new WeightedRoundRobin();
        List<Candidate> live = List.of(new Candidate("heavy", 3, 0), new Candidate("light", 1, 0));

        Map<String, Integer> counts = picks(route, live, 4_000);

        assertThat(counts.get("heavy") / 4_000.0).isCloseTo(0.75, within(0.05));
        assertThat(counts.get("light") / 4_000.0).isCloseTo(0.25, within(0.05));
    }

    @Test
    void weightedRoundRobinInterleavesInsteadOfBursting() {
        Route route = new WeightedRoundRobin();
        List<Candidate> live = List.of(new Candidate("heavy", 3, 0), new Candidate("light", 1, 0));

        List<String> first8 = IntStream.range(0, 8)
                .mapToObj(i -> route.choose(task(i), live, ids(live)).orElseThrow())
                .toList();
        assertThat(first8.subList(0, 4)).containsOnlyOnce("light");
        assertThat(first8.subList(4, 8)).containsOnlyOnce("light");
    }

    @Test
    void consistentHashMovesAboutOneNthOfTheKeysWhenAWorkerJoins() {
        List<Candidate> four = List.of(A, B, C, new Candidate("d", 1, 0));
        List<Candidate> five = new ArrayList<>(four);
        five.add(new Candidate("e", 1, 0));
        TreeMap<Long, String> before = ConsistentHash.build(four);
        TreeMap<Long, String> after = ConsistentHash.build(five);

        int moved = 0;
        int movedElsewhere = 0;
        for (int i = 0; i < 10_000; i++) {
            String key = "order-" + i;
            String was = ConsistentHash.owner(before, key);
            String is = ConsistentHash.owner(after, key);
            if (!was.equals(is)) {
                moved++;
                if (!is.equals("e")) {
                    movedElsewhere++;
                }
            }
        }
        // Ideal: 1/5 of the keys move, all of them to the newcomer.
        assertThat(moved / 10_000.0).isCloseTo(0.20, within(0.05));
        assertThat(movedElsewhere).isZero();
    }

    @Test
    void consistentHashKeepsAKeyOnItsWorkerAndHoldsItWhileThatWorkerIsBusy() {
        Route route = new ConsistentHash();
        List<Candidate> live = List.of(A, B, C);
        RoutedTask order = new RoutedTask("t1", "topic", "order-17", "run-1", null);

        String owner = route.choose(order, live, ids(live)).orElseThrow();
        for (int i = 0; i < 10; i++) {
            assertThat(route.choose(new RoutedTask("t" + i, "topic", "order-17", "run-" + i, null), live, ids(live)))
                    .contains(owner);
        }
        assertThat(route.choose(order, live, Set.of())).contains(owner);
    }

    @Test
    void leastLoadedPicksTheReadyWorkerWithTheFewestTasks() {
        Route route = new LeastLoaded();
        List<Candidate> live = List.of(new Candidate("a", 1, 5), new Candidate("b", 1, 1), new Candidate("c", 1, 3));

        assertThat(route.choose(task(1), live, ids(live))).contains("b");
        assertThat(route.choose(task(1), live, Set.of("a", "c"))).contains("c");
    }

    @Test
    void failoverPicksTheFirstLiveWorkerInPriorityOrderEvenWhenItIsBusy() {
        Route route = new Failover();
        Candidate primary = new Candidate("z-primary", 10, 0);
        Candidate backup = new Candidate("b-backup", 5, 0);
        Candidate last = new Candidate("a-last", 1, 0);

        assertThat(route.choose(task(1), List.of(last, backup, primary), Set.of("a-last", "b-backup")))
                .contains("z-primary");
        assertThat(route.choose(task(1), List.of(last, backup), Set.of("a-last")))
                .contains("b-backup");
        assertThat(route.choose(task(1), List.of(), Set.of())).isEmpty();
    }

    @Test
    void broadcastSendsShardIToTheIthLiveWorker() {
        Route route = new Broadcast();
        List<Candidate> live = List.of(A, B, C);

        List<String> owners = IntStream.range(0, 3)
                .mapToObj(i -> route.choose(new RoutedTask("t" + i, "t", null, "run", i), live, Set.of())
                        .orElseThrow())
                .toList();
        assertThat(owners).containsExactly("a", "b", "c");
        assertThat(route.choose(new RoutedTask("x", "t", null, "run", null), live, Set.of("c")))
                .contains("c");
    }

    @Test
    void routingNamesResolveAndUnknownOnesAreRefusedNamingTheValidOnes() {
        assertThat(Routing.of(null)).isEqualTo(Routing.ROUND_ROBIN);
        assertThat(Routing.of(" Weighted-Round-Robin ")).isEqualTo(Routing.WEIGHTED_ROUND_ROBIN);
        assertThatThrownBy(() -> Routing.of("fastest"))
                .hasMessageContaining("chronoflow.routing 'fastest' is unknown")
                .hasMessageContaining("least-loaded");
        for (Routing r : Routing.values()) {
            Optional<String> chosen = r.newRoute().choose(task(1), List.of(A), Set.of("a"));
            assertThat(chosen).as(r.id()).contains("a");
        }
    }
}

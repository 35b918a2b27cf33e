package io.chronoflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerLagScenarioTest {

    /** Fires every timer at once, 3 ms late, and remembers what it was asked to schedule. */
    private static final class Instant3msLate implements TimerTarget {
        final String system;
        final int rate;
        final List<Instant> dues = new ArrayList<>();
        Instant scheduledAt;

        Instant3msLate(String system, int rate) {
            this.system = system;
            this.rate = rate;
        }

        @Override
        public String system() {
            return system;
        }

        @Override
        public int creationRate() {
            return rate;
        }

        @Override
        public int schedule(String run, List<Instant> dues) {
            scheduledAt = Instant.now();
            this.dues.addAll(dues);
            return 0;
        }

        @Override
        public List<Long> lags(String run) {
            return Collections.nCopies(dues.size(), 3L);
        }

        @Override
        public void analyze() {}

        @Override
        public void close() {}
    }

    @Test
    void systemsSideBySideShareTheirDuesWhichLeaveTimeToCreateThemAll() {
        Instant3msLate engine = new Instant3msLate("engine", 100);
        Instant3msLate peer = new Instant3msLate("peer", 5_000);
        Instant before = Instant.now();

        List<TimerLagScenario.Result> results = new TimerLagScenario(new Progress())
                .steady(List.of(engine, peer), 10, Duration.ofSeconds(2))
                .results();

        assertThat(engine.dues).hasSize(20).isEqualTo(peer.dues);
        // 5 s of margin plus half as much again as 20 timers at 100/s (200 ms) and 20 at 5,000/s (4 ms) take.
        assertThat(engine.dues.get(0))
                .isBetween(before.plusMillis(5_306), Instant.now().plusMillis(5_306));
        assertThat(Duration.between(engine.dues.get(0), engine.dues.get(19))).isEqualTo(Duration.ofMillis(1_900));
        assertThat(engine.scheduledAt).isBeforeOrEqualTo(peer.scheduledAt);
        assertThat(results).extracting(TimerLagScenario.Result::system).containsExactly("engine", "peer");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.scenario()).isEqualTo("steady 10/s");
            assertThat(r.lag()).isEqualTo(new LagStats(20, 3, 3, 3, 3));
        });
    }

    @Test
    void anIdleWaitCanBeCollectedForSomeSystemsFirstAndReportsInTheirOrder() {
        Instant3msLate engine = new Instant3msLate("engine", 100);
        Instant3msLate peer = new Instant3msLate("peer", 5_000);
        TimerLagScenario.Fires idle = new TimerLagScenario(new Progress())
                .idle(List.of(peer, engine), Duration.ofMinutes(1), 3, Duration.ofMillis(5_300));

        assertThat(engine.dues).isEqualTo(peer.dues).hasSize(3);
        assertThat(Duration.between(engine.dues.get(0), engine.dues.get(2))).isEqualTo(Duration.ofMillis(10_600));
        idle.await(target -> target == engine);
        assertThat(idle.results())
                .extracting(TimerLagScenario.Result::system, TimerLagScenario.Result::scenario)
                .containsExactly(tuple("peer", "idle 1 min"), tuple("engine", "idle 1 min"));
    }
}

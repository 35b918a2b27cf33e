package io.chronoflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Timer lag: how long after its due time a system fires a timer, from the system's own record of when the job ran
 * (see each {@link TimerTarget}). Timers are created up front, before they are due.
 */
final class TimerLagScenario {

    /** Fires still missing this long after the last due instant are counted as missing. */
    private static final Duration GRACE = Duration.ofSeconds(90);

    private final Progress progress;

    TimerLagScenario(Progress progress) {
        this.progress = progress;
    }

    /** {@code rate} fires per second for {@code window}, all timers created up front. */
    Result steady(TimerTarget target, int rate, Duration window) {
        return steady(List.of(target), rate, window).results().get(0);
    }

    /**
     * {@code rate} fires per second for {@code window} on each of {@code targets} in the same window: their timers are
     * created one target after the other, all before the first is due, then they fire side by side (a quick run's way of
     * saving time; each system's lags then include the others' load). {@link Fires} waits for the fires.
     */
    Fires steady(List<TimerTarget> targets, int rate, Duration window) {
        int count = (int) (rate * window.toSeconds());
        long creationMillis = targets.stream()
                .mapToLong(t -> count * 1000L / t.creationRate())
                .sum();
        if (targets.size() > 1) {
            // The systems created first wait meanwhile: a creation that overran would hit them all.
            creationMillis = creationMillis * 3 / 2;
        }
        Instant first = Instant.now().plusSeconds(5).plusMillis(creationMillis);
        List<Instant> dues = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            dues.add(first.plusNanos(i * 1_000_000_000L / rate));
        }
        Fires fires = new Fires("steady " + rate + "/s", "steady-" + rate, dues);
        for (TimerTarget target : targets) {
            progress.say(
                    "%s: steady %d/s for %d s: creating %d timers", target.system(), rate, window.toSeconds(), count);
            fires.add(target, target.schedule(fires.run, dues));
            target.analyze();
        }
        progress.say("steady %d/s: firing until %s", rate, dues.get(dues.size() - 1));
        return fires;
    }

    /**
     * Creates timers due {@code idle} after the last activity on the systems (this creation), {@code spacing} apart so
     * that they meet a polling system in different phases; all systems wait at the same time. {@link Fires} waits for
     * the fires.
     */
    Fires idle(List<? extends TimerTarget> targets, Duration idle, int count, Duration spacing) {
        Instant first = Instant.now().plus(idle).plusSeconds(2);
        List<Instant> dues = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            dues.add(first.plus(spacing.multipliedBy(i)));
        }
        Fires fires = new Fires(idleScenario(idle), "idle", dues);
        for (TimerTarget target : targets) {
            target.schedule(fires.run, dues);
            fires.add(target, 0);
        }
        progress.say(
                "idle: %d timers per system due from %s (after %d s without activity), the last at %s",
                count, first, idle.toSeconds(), dues.get(dues.size() - 1));
        return fires;
    }

    /** Timers created on some systems, all due at the same instants; their results once they have fired. */
    final class Fires {

        private final String scenario;
        private final String run;
        private final List<Instant> dues;
        /** The systems, in the order they were added, with how many timers were created less than 1 s before due. */
        private final Map<TimerTarget, Integer> targets = new LinkedHashMap<>();

        private final Map<TimerTarget, Result> done = new HashMap<>();

        private Fires(String scenario, String run, List<Instant> dues) {
            this.scenario = scenario;
            this.run = run;
            this.dues = dues;
        }

        private void add(TimerTarget target, int lateCreated) {
            targets.put(target, lateCreated);
        }

        /**
         * Waits for the fires of the systems {@code which} accepts only (the others may still be due, or late: a system
         * that polls after idling may fire a minute late).
         */
        void await(Predicate<TimerTarget> which) {
            Instant deadline = dues.get(dues.size() - 1).plus(GRACE);
            targets.forEach((target, lateCreated) -> {
                if (which.test(target) && !done.containsKey(target)) {
                    List<Long> lags = awaitFires(target, run, dues.size(), deadline);
                    Result result = new Result(scenario, target.system(), dues.size(), lateCreated, LagStats.of(lags));
                    progress.say("%s: %s", target.system(), result.summary());
                    done.put(target, result);
                }
            });
        }

        /** Every system's result, in the order the systems were given, once all have fired. */
        List<Result> results() {
            await(target -> true);
            return targets.keySet().stream().map(done::get).toList();
        }
    }

    static String idleScenario(Duration idle) {
        return "idle " + idle.toMinutes() + " min";
    }

    /** Waits (at most until {@code deadline}) for {@code expected} fires of {@code run}; returns their lags in ms. */
    private List<Long> awaitFires(TimerTarget target, String run, int expected, Instant deadline) {
        List<Long> lags = target.lags(run);
        while (lags.size() < expected && Instant.now().isBefore(deadline)) {
            DrainScenario.pause(Duration.ofSeconds(1));
            lags = target.lags(run);
        }
        if (lags.size() < expected) {
            progress.say(
                    "%s: %s: only %d of %d timers fired by the deadline", target.system(), run, lags.size(), expected);
        }
        return lags;
    }

    /** One measurement: a scenario on a system, once. */
    record Result(String scenario, String system, int expected, int lateCreated, LagStats lag) {

        String summary() {
            return "%s: %d of %d fired, lag p50 %d ms, p99 %d ms, max %d ms"
                    .formatted(scenario, lag.count(), expected, lag.p50(), lag.p99(), lag.max());
        }
    }
}

package io.chronoflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
        int count = (int) (rate * window.toSeconds());
        String run = "steady-" + rate;
        Instant first = Instant.now().plusSeconds(5).plusMillis(count * 1000L / target.creationRate());
        List<Instant> dues = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            dues.add(first.plusNanos(i * 1_000_000_000L / rate));
        }
        progress.say("%s: steady %d/s for %d s: creating %d timers", target.system(), rate, window.toSeconds(), count);
        int lateCreated = target.schedule(run, dues);
        target.analyze();
        Instant last = dues.get(dues.size() - 1);
        progress.say("%s: steady %d/s: firing until %s", target.system(), rate, last);
        List<Long> lags = awaitFires(target, run, count, last.plus(GRACE));
        Result result = new Result("steady " + rate + "/s", target.system(), count, lateCreated, LagStats.of(lags));
        progress.say("%s: %s", target.system(), result.summary());
        return result;
    }

    /**
     * Creates timers due {@code idle} after the last activity on the systems (this creation), {@code spacing} apart so
     * that they meet a polling system in different phases; all systems wait at the same time. {@link Idle#results()}
     * waits for the fires.
     */
    Idle idle(List<? extends TimerTarget> targets, Duration idle, int fires, Duration spacing) {
        Instant first = Instant.now().plus(idle).plusSeconds(2);
        List<Instant> dues = new ArrayList<>();
        for (int i = 0; i < fires; i++) {
            dues.add(first.plus(spacing.multipliedBy(i)));
        }
        for (TimerTarget target : targets) {
            target.schedule("idle", dues);
        }
        progress.say(
                "idle: %d timers per system due from %s (after %d s without activity), the last at %s",
                fires, first, idle.toSeconds(), dues.get(dues.size() - 1));
        return new Idle(List.copyOf(targets), idle, dues);
    }

    /** The idle scenario's timers, created; its results once they have fired. */
    final class Idle {

        private final List<? extends TimerTarget> targets;
        private final Duration period;
        private final List<Instant> dues;

        private Idle(List<? extends TimerTarget> targets, Duration period, List<Instant> dues) {
            this.targets = targets;
            this.period = period;
            this.dues = dues;
        }

        List<Result> results() {
            Instant deadline = dues.get(dues.size() - 1).plus(GRACE);
            List<Result> results = new ArrayList<>();
            for (TimerTarget target : targets) {
                List<Long> lags = awaitFires(target, "idle", dues.size(), deadline);
                Result result = new Result(idleScenario(period), target.system(), dues.size(), 0, LagStats.of(lags));
                progress.say("%s: %s", target.system(), result.summary());
                results.add(result);
            }
            return results;
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

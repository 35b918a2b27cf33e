package io.chronoflow.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Timer lag: how long after its due time the engine fires a timer. Each fire is one instance of {@code bench-timer}
 * whose timer is due at a chosen instant (its business key); its lag is the end time of the timer event in the
 * engine's history minus that instant. Instances are created before their timers are due, spread over the nodes.
 */
final class TimerLagScenario {

    static final String MODEL = "bench-timer.bpmn";
    private static final String PROCESS = "bench-timer";
    /** Instances created per second while preparing (conservative, so that every timer exists before it is due). */
    private static final int CREATION_RATE = 100;

    private final Progress progress;

    TimerLagScenario(Progress progress) {
        this.progress = progress;
    }

    /** {@code rate} fires per second for {@code window}, all timers created up front. */
    Result steady(EngineCluster cluster, int rate, Duration window) {
        int count = (int) (rate * window.toSeconds());
        String run = "steady-" + rate;
        Instant first = Instant.now().plusSeconds(5).plusMillis(count * 1000L / CREATION_RATE);
        List<Instant> dues = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            dues.add(first.plusNanos(i * 1_000_000_000L / rate));
        }
        progress.say(
                "%s: steady %d/s for %d s: creating %d timers",
                cluster.variant().id(), rate, window.toSeconds(), count);
        int lateCreated = create(cluster, run, dues);
        cluster.analyze();
        Instant last = dues.get(dues.size() - 1);
        progress.say("%s: steady %d/s: firing until %s", cluster.variant().id(), rate, last);
        List<Long> lags = awaitFires(cluster, run, count, last.plus(Duration.ofSeconds(90)));
        return new Result("steady " + rate + "/s", cluster.variant().id(), count, lateCreated, LagStats.of(lags));
    }

    /**
     * Timers due {@code idle} after the last activity on the clusters (their creation), a few seconds apart so that
     * they meet a polling engine in different phases; all clusters wait at the same time.
     */
    List<Result> idle(List<EngineCluster> clusters, Duration idle, int fires) {
        Instant first = Instant.now().plus(idle).plusSeconds(2);
        List<Instant> dues = new ArrayList<>();
        for (int i = 0; i < fires; i++) {
            dues.add(first.plusMillis(i * 17_300L));
        }
        for (EngineCluster cluster : clusters) {
            create(cluster, "idle", dues);
        }
        Instant last = dues.get(dues.size() - 1);
        progress.say(
                "idle: %d timers per system due from %s (after %d s without activity)", fires, first, idle.toSeconds());
        List<Result> results = new ArrayList<>();
        for (EngineCluster cluster : clusters) {
            List<Long> lags = awaitFires(cluster, "idle", fires, last.plus(Duration.ofSeconds(90)));
            results.add(new Result(
                    "idle " + idle.toMinutes() + " min", cluster.variant().id(), fires, 0, LagStats.of(lags)));
        }
        return results;
    }

    /** Creates one instance per due instant; returns how many were created less than a second before their due. */
    private int create(EngineCluster cluster, String run, List<Instant> dues) {
        AtomicInteger done = new AtomicInteger();
        AtomicInteger late = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4 * cluster.size());
        try {
            List<Future<?>> starts = new ArrayList<>();
            for (int i = 0; i < dues.size(); i++) {
                int index = i;
                starts.add(pool.submit(() -> {
                    Instant due = dues.get(index);
                    cluster.startWithDue(index, PROCESS, run + ":" + due.toEpochMilli(), due);
                    if (Instant.now().plusSeconds(1).isAfter(due)) {
                        late.incrementAndGet();
                    }
                    int n = done.incrementAndGet();
                    if (n % 1000 == 0) {
                        progress.say(
                                "%s: %s: created %d of %d", cluster.variant().id(), run, n, dues.size());
                    }
                }));
            }
            for (Future<?> start : starts) {
                start.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("creating timers failed", e);
        } finally {
            pool.shutdownNow();
        }
        return late.get();
    }

    /** Waits (at most until {@code deadline}) for {@code expected} fires of {@code run}; returns their lags in ms. */
    private List<Long> awaitFires(EngineCluster cluster, String run, int expected, Instant deadline) {
        List<Long> lags = List.of();
        try (Connection c = cluster.database()) {
            while (true) {
                lags = lags(c, run);
                if (lags.size() >= expected || Instant.now().isAfter(deadline)) {
                    break;
                }
                TimeUnit.SECONDS.sleep(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the engine's history failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (lags.size() < expected) {
            progress.say(
                    "%s: %s: only %d of %d timers fired by the deadline",
                    cluster.variant().id(), run, lags.size(), expected);
        }
        return lags;
    }

    private static List<Long> lags(Connection c, String run) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("select p.business_key_, a.end_time_ from act_hi_actinst a"
                + " join act_hi_procinst p on p.proc_inst_id_ = a.proc_inst_id_"
                + " where a.act_id_ = 'wait' and a.end_time_ is not null and p.business_key_ like ?")) {
            query.setString(1, run + ":%");
            List<Long> lags = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long due = Long.parseLong(rows.getString(1).substring(run.length() + 1));
                    lags.add(Math.max(0, rows.getTimestamp(2).getTime() - due));
                }
            }
            return lags;
        }
    }

    /** One row of the report. */
    record Result(String scenario, String system, int expected, int lateCreated, LagStats lag) {}
}

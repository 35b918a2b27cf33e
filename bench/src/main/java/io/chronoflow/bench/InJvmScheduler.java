package io.chronoflow.bench;

import java.util.List;

/**
 * A peer scheduler running in the harness's JVM on a database of its own, serving both the drain and the timer
 * scenarios: its jobs do nothing but record, through the {@link LagRecorder}, when they ran.
 */
abstract class InJvmScheduler implements DrainTarget, TimerTarget {

    /**
     * Idle connections the pool of a timer-scenario instance keeps (it opens more on demand): those instances live
     * through the whole run, beside two engine clusters, so they hold few connections while they wait.
     */
    static final int TIMERS_IDLE_CONNECTIONS = 1;

    protected final PeerDatabase db;
    protected final LagRecorder recorder = new LagRecorder();
    private final String system;

    protected InJvmScheduler(String system, PeerDatabase db) {
        this.system = system;
        this.db = db;
    }

    @Override
    public String system() {
        return system;
    }

    @Override
    public String database() {
        return db.name();
    }

    @Override
    public void reportCommits() {
        db.closeIdleConnections();
    }

    @Override
    public List<Long> lags(String run) {
        return recorder.lags(run);
    }

    @Override
    public void analyze() {
        db.analyze();
    }
}

package io.chronoflow.engine.scheduling;

import java.util.Date;
import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;

/**
 * The Spring job executor with {@link DueDateAcquisition}: each node sleeps until the next due date it knows of,
 * learns of earlier timers scheduled on this node at commit, and of those scheduled on other nodes through {@link
 * #announceTo an announcement channel}.
 */
public class PreciseJobExecutor extends SpringJobExecutor {

    private volatile Consumer<Date> announcer = due -> {};
    private volatile Consumer<String> lockRelease = owner -> {};

    @Override
    protected void ensureInitialization() {
        super.ensureInitialization();
        acquireJobsRunnable = new DueDateAcquisition(this);
    }

    /** How the jobs this node acquired but did not run are handed back when it shuts down. */
    public void releaseLocksWith(Consumer<String> lockRelease) {
        this.lockRelease = lockRelease;
    }

    /**
     * Stops as Camunda's executor does, then hands back the jobs this node acquired and never ran, so that another
     * node runs them now rather than after their lock time. A job still running here meanwhile loses on the engine's
     * optimistic locking (the release bumps each row's revision), so nothing runs twice.
     */
    @Override
    public synchronized void shutdown() {
        boolean wasActive = isActive;
        super.shutdown();
        if (wasActive) {
            lockRelease.accept(getLockOwner());
        }
    }

    /** Where timers due soon are announced to the other engine nodes. */
    public void announceTo(Consumer<Date> announcer) {
        this.announcer = announcer;
    }

    /**
     * A timer due at {@code due} was committed on this node: wake this node's acquisition then, and announce it to the
     * others when it is due before their next look at the database (at most {@code max-wait} away).
     */
    public void timerScheduled(Date due) {
        wakeAt(due);
        long ahead = due.getTime() - ClockUtil.getCurrentTime().getTime();
        if (ahead < getMaxWait()) {
            announcer.accept(due);
        }
    }

    /** Wake the acquisition at {@code due} (engine clock) if it would sleep past it. */
    public void wakeAt(Date due) {
        if (acquireJobsRunnable instanceof DueDateAcquisition acquisition) {
            acquisition.dueAt(due);
        }
    }
}

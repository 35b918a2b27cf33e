package io.chronoflow.engine.scheduling;

import java.util.Date;
import java.util.Iterator;
import java.util.List;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.BackoffJobAcquisitionStrategy;
import org.camunda.bpm.engine.impl.jobexecutor.JobAcquisitionContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobAcquisitionStrategy;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.SequentialJobAcquisitionRunnable;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camunda's acquisition loop with a different idea of idleness: instead of backing off on a fixed rhythm, an idle
 * node sleeps until the due date of the next job in the database (at most {@code max-wait}), and a timer scheduled
 * meanwhile, on this node or announced by another one, moves the wake-up earlier. Lock conflicts, saturation and
 * acquisition errors keep Camunda's back-off.
 */
final class DueDateAcquisition extends SequentialJobAcquisitionRunnable {

    private static final Logger log = LoggerFactory.getLogger(DueDateAcquisition.class);

    /** Wall-clock millis of the earliest due date announced since the last wait; {@code Long.MAX_VALUE} when none. */
    private long announced = Long.MAX_VALUE;

    DueDateAcquisition(JobExecutor jobExecutor) {
        super(jobExecutor);
    }

    @Override
    protected JobAcquisitionStrategy initializeAcquisitionStrategy() {
        return new NextDueWait(jobExecutor);
    }

    /** A job becomes due at {@code due} (engine clock): wake up then if that is earlier than planned. */
    void dueAt(Date due) {
        long wallClockDue = System.currentTimeMillis()
                + (due.getTime() - ClockUtil.getCurrentTime().getTime());
        synchronized (MONITOR) {
            if (wallClockDue < announced) {
                announced = wallClockDue;
                MONITOR.notifyAll();
            }
        }
    }

    /**
     * Sleeps {@code millis}, or until an announced due date or a job the engine added wants the loop earlier. Unlike
     * Camunda's wait, a wake-up for a later due date is a new deadline, not a reason to acquire now.
     */
    @Override
    protected void suspendAcquisition(long millis) {
        long planned = System.currentTimeMillis() + Math.max(0, millis);
        try {
            synchronized (MONITOR) {
                isWaiting.set(true);
                while (!isInterrupted && !isJobAdded) {
                    long remaining = Math.min(planned, announced) - System.currentTimeMillis();
                    if (remaining <= 0) {
                        break;
                    }
                    MONITOR.wait(remaining);
                }
                announced = Long.MAX_VALUE;
            }
        } catch (InterruptedException e) {
            // As Camunda's own wait: an interrupt ends this wait only; stop() is what ends the loop.
            log.debug("job acquisition wait interrupted");
        } finally {
            isWaiting.set(false);
        }
    }

    /** Camunda's back-off, except that an idle wait lasts until the next due date. */
    private static final class NextDueWait extends BackoffJobAcquisitionStrategy {

        private final JobExecutor executor;
        private long untilNextDue = -1;

        NextDueWait(JobExecutor executor) {
            super(executor);
            this.executor = executor;
        }

        @Override
        public void reconfigure(JobAcquisitionContext context) {
            super.reconfigure(context);
            boolean idle = context.areAllEnginesIdle() && context.getAcquisitionException() == null;
            untilNextDue = idle && !context.isJobAdded() ? untilNextDue(context.getAcquisitionTime()) : -1;
        }

        @Override
        public long getWaitTime() {
            return untilNextDue >= 0 ? untilNextDue : super.getWaitTime();
        }

        /**
         * Milliseconds until the first job due after this cycle's acquisition began: one due between then and now
         * (the wake-up came a moment early, or it was scheduled meanwhile) means no wait at all.
         */
        private long untilNextDue(long acquisitionStartMillis) {
            long cap = executor.getMaxWait();
            Iterator<ProcessEngineImpl> engines = executor.engineIterator();
            if (!engines.hasNext()) {
                return cap;
            }
            Date now = ClockUtil.getCurrentTime();
            Date acquisitionStart = new Date(now.getTime() - (System.currentTimeMillis() - acquisitionStartMillis));
            try {
                List<Job> next = engines.next()
                        .getManagementService()
                        .createJobQuery()
                        .active()
                        .withRetriesLeft()
                        .duedateHigherThan(acquisitionStart)
                        .orderByJobDuedate()
                        .asc()
                        .listPage(0, 1);
                if (next.isEmpty()) {
                    return cap;
                }
                long wait = Math.max(0, Math.min(cap, next.get(0).getDuedate().getTime() - now.getTime()));
                log.debug(
                        "next due job {} at {}: waiting {} ms",
                        next.get(0).getId(),
                        next.get(0).getDuedate(),
                        wait);
                return wait;
            } catch (RuntimeException e) {
                log.debug("next due date unknown, waiting {} ms: {}", cap, e.toString());
                return cap;
            }
        }
    }
}

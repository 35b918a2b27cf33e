package io.chronoflow.engine.scheduling;

import java.util.Date;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobManager;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;

/**
 * The engine's job manager, telling a {@link PreciseJobExecutor} of every timer it schedules once the transaction
 * that schedules it commits. Camunda itself only hints the job executor about jobs that are already due.
 */
final class TimerAwareJobManager extends JobManager {

    /** Opens this manager wherever the engine asks for its {@link JobManager}. */
    static final SessionFactory FACTORY = new SessionFactory() {
        @Override
        public Class<?> getSessionType() {
            return JobManager.class;
        }

        @Override
        public Session openSession() {
            return new TimerAwareJobManager();
        }
    };

    @Override
    public void schedule(TimerEntity timer) {
        super.schedule(timer);
        announceAfterCommit(timer.getDuedate());
    }

    @Override
    public void reschedule(JobEntity job, Date newDuedate) {
        super.reschedule(job, newDuedate);
        announceAfterCommit(newDuedate);
    }

    private static void announceAfterCommit(Date due) {
        if (due != null
                && Context.getProcessEngineConfiguration().getJobExecutor() instanceof PreciseJobExecutor executor
                && executor.isActive()) {
            Context.getCommandContext()
                    .getTransactionContext()
                    .addTransactionListener(TransactionState.COMMITTED, context -> executor.timerScheduled(due));
        }
    }
}

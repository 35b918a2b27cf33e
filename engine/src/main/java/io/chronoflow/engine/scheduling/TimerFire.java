package io.chronoflow.engine.scheduling;

import io.chronoflow.engine.deployment.ActivityProperties;
import io.chronoflow.engine.metrics.TimerLag;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.jobexecutor.TimerEventJobHandler.TimerJobConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.TimerStartEventJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's timer-start handler with Chronoflow's rules in front: it records the fire's lag and applies the job's
 * misfire and overlap policies before the run starts. A subclass rather than a wrapper: the engine schedules a cycle's next fire only
 * for handlers that are timer handlers, so the next fire is scheduled whatever this fire does.
 */
final class TimerFire extends TimerStartEventJobHandler {

    private static final Logger log = LoggerFactory.getLogger(TimerFire.class);

    private final TimerLag lag;
    private final Supplier<ActivityProperties> properties;
    private final MeterRegistry meters;

    TimerFire(TimerLag lag, Supplier<ActivityProperties> properties, MeterRegistry meters) {
        this.lag = lag;
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public void execute(
            TimerJobConfiguration configuration,
            ExecutionEntity execution,
            CommandContext commandContext,
            String tenantId) {
        JobExecutorContext jobContext = Context.getJobExecutorContext();
        lag.record(jobContext);
        String key = configuration.getTimerElementKey();
        ProcessDefinitionEntity definition = commandContext
                .getProcessEngineConfiguration()
                .getDeploymentCache()
                .findDeployedLatestProcessDefinitionByKey(key);
        Map<String, String> options =
                definition == null ? Map.of() : properties.get().of(definition.getId(), definition.getKey());
        int runs = runsToStart(jobContext, options, commandContext, key);
        if (runs == 0) {
            skipped(key, "misfire").increment();
            log.info("job {}: late fire skipped (chronoflow.misfire=skip); waiting for the next regular time", key);
            return;
        }
        Overlap overlap = overlap(options, key);
        if (overlap != Overlap.ALLOW) {
            List<ProcessInstance> active = commandContext
                    .getProcessEngineConfiguration()
                    .getRuntimeService()
                    .createProcessInstanceQuery()
                    .processDefinitionKey(key)
                    .list();
            if (!active.isEmpty()) {
                if (overlap == Overlap.QUEUE) {
                    queue(commandContext, jobContext, options, key, runs);
                    return;
                }
                if (overlap == Overlap.SKIP) {
                    skipped(key, "overlap").increment();
                    log.info(
                            "job {}: fire skipped, {} run(s) still active (chronoflow.overlap=skip)",
                            key,
                            active.size());
                    return;
                }
                for (ProcessInstance run : active) {
                    commandContext
                            .getProcessEngineConfiguration()
                            .getRuntimeService()
                            .deleteProcessInstance(
                                    run.getId(), "cancelled by the next fire (chronoflow.overlap=cancel-previous)");
                }
                log.info(
                        "job {}: cancelled {} active run(s) before this fire (chronoflow.overlap=cancel-previous)",
                        key,
                        active.size());
            }
        }
        if (runs > 1) {
            log.info("job {}: late fire catches up {} missed runs (chronoflow.misfire=catch-up)", key, runs);
        }
        for (int i = 0; i < runs; i++) {
            super.execute(configuration, execution, commandContext, tenantId);
        }
    }

    /** Keeps the fire (or each run a catch-up asks for) until the active run ends, as far as the queue's bound allows. */
    private void queue(
            CommandContext commandContext,
            JobExecutorContext jobContext,
            Map<String, String> options,
            String key,
            int runs) {
        JobEntity job = jobContext == null ? null : jobContext.getCurrentJob();
        Date due = job == null || job.getDuedate() == null ? ClockUtil.getCurrentTime() : job.getDuedate();
        int max;
        try {
            max = Overlap.queueMax(options.get(Overlap.QUEUE_MAX));
        } catch (IllegalArgumentException e) {
            log.warn("CF-SCHED-001 {} in job {}; queueing one fire", e.getMessage(), key);
            max = 1;
        }
        for (int i = 0; i < runs; i++) {
            if (OverlapQueue.enqueue(commandContext, key, due, max)) {
                Counter.builder("chronoflow.job.fires.queued")
                        .description("Timer fires kept until the job's active run ends (chronoflow.overlap=queue)")
                        .tag("job_key", key)
                        .register(meters)
                        .increment();
                log.info("job {}: fire queued behind the active run (chronoflow.overlap=queue)", key);
            } else {
                skipped(key, "queue-full").increment();
                log.info("job {}: fire skipped, {} fire(s) already queued (chronoflow.overlap.queue-max)", key, max);
            }
        }
    }

    /** 1 for a fire on time; for a late one what the job's misfire policy says. */
    private static int runsToStart(
            JobExecutorContext jobContext, Map<String, String> options, CommandContext commandContext, String key) {
        JobEntity job = jobContext == null ? null : jobContext.getCurrentJob();
        if (job == null || job.getDuedate() == null) {
            return 1; // started through the API, not by the clock
        }
        String repeat = job instanceof TimerEntity timer ? timer.getRepeat() : null;
        BusinessCalendar calendar = commandContext
                .getProcessEngineConfiguration()
                .getBusinessCalendarManager()
                .getBusinessCalendar(CycleBusinessCalendar.NAME);
        try {
            return Misfire.runsToStart(
                    options,
                    repeat,
                    job.getDuedate().toInstant(),
                    ClockUtil.getCurrentTime().toInstant(),
                    scheduledNext(commandContext, job),
                    calendar);
        } catch (IllegalArgumentException e) {
            log.warn("CF-SCHED-001 {} in job {}; firing once", e.getMessage(), key);
            return 1;
        }
    }

    /**
     * The next fire time the engine scheduled for this timer: the timer it created in this transaction (before the
     * handler ran) or, when an earlier attempt of this fire failed, the follow-up timer the engine created then.
     */
    private static Instant scheduledNext(CommandContext commandContext, JobEntity job) {
        // Asked by the cache's key for jobs: asked for a subtype (JobEntity, TimerEntity), Camunda's cache finds none.
        Optional<Date> created =
                commandContext.getDbEntityManager().getCachedEntitiesByType(AcquirableJobEntity.class).stream()
                        .filter(other -> other instanceof TimerEntity timer && isLaterFireOf(timer, job))
                        .map(other -> ((TimerEntity) other).getDuedate())
                        .min(Comparator.naturalOrder());
        if (created.isEmpty()
                && job.getJobHandlerConfiguration() instanceof TimerJobConfiguration timer
                && timer.isFollowUpJobCreated()) {
            created = commandContext
                    .getProcessEngineConfiguration()
                    .getManagementService()
                    .createJobQuery()
                    .jobDefinitionId(job.getJobDefinitionId())
                    .timers()
                    .duedateHigherThan(job.getDuedate())
                    .orderByJobDuedate()
                    .asc()
                    .listPage(0, 1)
                    .stream()
                    .map(Job::getDuedate)
                    .findFirst();
        }
        return created.map(Date::toInstant).orElse(null);
    }

    private static boolean isLaterFireOf(JobEntity other, JobEntity job) {
        return !other.getId().equals(job.getId())
                && Objects.equals(other.getJobDefinitionId(), job.getJobDefinitionId())
                && other.getDuedate() != null
                && other.getDuedate().after(job.getDuedate());
    }

    private static Overlap overlap(Map<String, String> options, String key) {
        try {
            return Overlap.of(options.get(Overlap.PROPERTY));
        } catch (IllegalArgumentException e) {
            log.warn("CF-SCHED-001 {} in job {}; allowing overlap", e.getMessage(), key);
            return Overlap.ALLOW;
        }
    }

    private Counter skipped(String key, String reason) {
        return Counter.builder("chronoflow.job.fires.skipped")
                .description("Timer fires that started no run, by job and reason")
                .tag("job_key", key)
                .tag("reason", reason)
                .register(meters);
    }
}

package io.chronoflow.engine.scheduling;

import io.chronoflow.engine.deployment.ActivityProperties;
import io.chronoflow.engine.fires.FireLedger;
import io.chronoflow.engine.fires.FireStatus;
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
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
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
 * The engine's timer-start handler with Chronoflow's rules in front: it records the fire's lag, applies the job's
 * misfire and overlap policies, and records every fire time the fire stands for in the fire ledger — claiming each one
 * before starting its run, so that a fire already run is refused rather than run twice. A subclass rather than a
 * wrapper: the engine schedules a cycle's next fire only for handlers that are timer handlers, so the next fire is
 * scheduled whatever this fire does.
 */
final class TimerFire extends TimerStartEventJobHandler {

    private static final Logger log = LoggerFactory.getLogger(TimerFire.class);

    private final TimerLag lag;
    private final Supplier<ActivityProperties> properties;
    private final MeterRegistry meters;
    private final FireLedger ledger;

    TimerFire(TimerLag lag, Supplier<ActivityProperties> properties, MeterRegistry meters, FireLedger ledger) {
        this.lag = lag;
        this.properties = properties;
        this.meters = meters;
        this.ledger = ledger;
    }

    @Override
    public void execute(
            TimerJobConfiguration configuration,
            ExecutionEntity execution,
            CommandContext commandContext,
            String tenantId) {
        lag.record(Context.getJobExecutorContext());
        String key = configuration.getTimerElementKey();
        ProcessDefinitionEntity definition = commandContext
                .getProcessEngineConfiguration()
                .getDeploymentCache()
                .findDeployedLatestProcessDefinitionByKey(key);
        Map<String, String> options =
                definition == null ? Map.of() : properties.get().of(definition.getId(), definition.getKey());
        JobEntity job = commandContext.getCurrentJob();
        Instant now = ClockUtil.getCurrentTime().toInstant();
        // Every timer job has a due date; the ledger records fires by it.
        boolean audited = ledger.enabled() && job != null && job.getDuedate() != null;
        Misfire.Plan plan = plan(job, options, commandContext, key, now);
        if (audited) {
            ledger.notRun(commandContext, key, plan.skipped(), FireStatus.SKIPPED_BY_POLICY, plan.skipReason(), now);
        }
        if (plan.run().isEmpty()) {
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
                    queue(commandContext, options, key, plan.run(), now, audited);
                    return;
                }
                if (overlap == Overlap.SKIP) {
                    skipped(key, "overlap").increment();
                    if (audited) {
                        ledger.notRun(
                                commandContext, key, plan.run(), FireStatus.SKIPPED_BY_POLICY, "overlap-skip", now);
                    }
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
        if (plan.run().size() > 1) {
            log.info(
                    "job {}: late fire catches up {} missed runs (chronoflow.misfire=catch-up)",
                    key,
                    plan.run().size());
        }
        for (Instant due : plan.run()) {
            if (!audited) {
                super.execute(configuration, execution, commandContext, tenantId);
                continue;
            }
            ledger.startRun(commandContext, key, due, now, () -> {
                Set<String> before = topLevelRuns(commandContext);
                super.execute(configuration, execution, commandContext, tenantId);
                return topLevelRuns(commandContext).stream()
                        .filter(id -> !before.contains(id))
                        .findFirst()
                        .orElse(null);
            });
        }
    }

    /** Ids of the runs (top-level process instances) this transaction holds; a run started just now is among them. */
    private static Set<String> topLevelRuns(CommandContext commandContext) {
        // The cache keeps a run that started and ended within this transaction too.
        return commandContext.getDbEntityManager().getCachedEntitiesByType(ExecutionEntity.class).stream()
                .filter(e -> e.isProcessInstanceExecution() && e.getSuperExecutionId() == null)
                .map(ExecutionEntity::getId)
                .collect(Collectors.toSet());
    }

    /** Keeps the fire (or each run a catch-up asks for) until the active run ends, as far as the queue's bound allows. */
    private void queue(
            CommandContext commandContext,
            Map<String, String> options,
            String key,
            List<Instant> dues,
            Instant now,
            boolean audited) {
        int max;
        try {
            max = Overlap.queueMax(options.get(Overlap.QUEUE_MAX));
        } catch (IllegalArgumentException e) {
            log.warn("CF-SCHED-001 {} in job {}; queueing one fire", e.getMessage(), key);
            max = 1;
        }
        for (Instant due : dues) {
            boolean queued = OverlapQueue.enqueue(commandContext, key, Date.from(due), max);
            if (audited) {
                ledger.notRun(
                        commandContext,
                        key,
                        List.of(due),
                        queued ? FireStatus.QUEUED : FireStatus.SKIPPED_BY_POLICY,
                        queued ? "overlap-queue" : "overlap-queue-full",
                        now);
            }
            if (queued) {
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

    /** Which fire times this fire runs and which it skips, by the job's misfire policy. */
    private static Misfire.Plan plan(
            JobEntity job, Map<String, String> options, CommandContext commandContext, String key, Instant now) {
        if (job == null || job.getDuedate() == null) {
            return new Misfire.Plan(List.of(now), List.of(), null); // not fired by the clock
        }
        Instant due = job.getDuedate().toInstant();
        String repeat = job instanceof TimerEntity timer ? timer.getRepeat() : null;
        BusinessCalendar calendar = commandContext
                .getProcessEngineConfiguration()
                .getBusinessCalendarManager()
                .getBusinessCalendar(CycleBusinessCalendar.NAME);
        try {
            return Misfire.plan(options, repeat, due, now, scheduledNext(commandContext, job), calendar);
        } catch (IllegalArgumentException e) {
            log.warn("CF-SCHED-001 {} in job {}; firing once", e.getMessage(), key);
            return new Misfire.Plan(List.of(due), List.of(), null);
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

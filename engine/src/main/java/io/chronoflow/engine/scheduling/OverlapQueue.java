package io.chronoflow.engine.scheduling;

import io.chronoflow.engine.deployment.ModelOptionsCheck;
import io.chronoflow.engine.fires.FireLedger;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code chronoflow.overlap=queue}: a fire that meets an active run is kept as a suspended job of type {@value #TYPE}
 * (in the engine's database, so it survives restarts and shows in Cockpit) holding the fire's due time; when the last
 * active run of the job ends, the oldest queued fire is activated and the job executor starts its run. At most {@code
 * chronoflow.overlap.queue-max} fires wait (default 1); further fires are skipped and counted. A queued fire keeps
 * its own due time, by which the fire ledger knows it.
 */
public final class OverlapQueue extends AbstractBpmnParseListener implements JobHandler<OverlapQueue.QueuedJob> {

    /** The handler type of a queued fire's job. */
    public static final String TYPE = "chronoflow-queued-fire";

    private static final Logger log = LoggerFactory.getLogger(OverlapQueue.class);

    private final FireLedger ledger;

    OverlapQueue(FireLedger ledger) {
        this.ledger = ledger;
    }

    /** The job a queued fire belongs to. */
    public record QueuedJob(String key) implements JobHandlerConfiguration {
        @Override
        public String toCanonicalString() {
            return key;
        }
    }

    /** Queues a fire of {@code jobKey} due at {@code due}; false when {@code max} fires wait already. */
    static boolean enqueue(CommandContext commandContext, String jobKey, Date due, int max) {
        if (queued(commandContext, jobKey).size() >= max) {
            return false;
        }
        MessageEntity fire = new MessageEntity();
        fire.setJobHandlerType(TYPE);
        fire.setJobHandlerConfigurationRaw(jobKey);
        fire.setProcessDefinitionKey(jobKey);
        fire.setDuedate(due);
        fire.setSuspensionState(SuspensionState.SUSPENDED.getStateCode());
        commandContext.getJobManager().insertJob(fire);
        return true;
    }

    /** Adds the release of queued fires to the end of every run of a job with {@code chronoflow.overlap=queue}. */
    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        try {
            if (Overlap.of(ModelOptionsCheck.property(processElement, Overlap.PROPERTY)) != Overlap.QUEUE) {
                return;
            }
        } catch (IllegalArgumentException invalid) {
            return; // refused, with the reason, by ModelOptionsCheck
        }
        String jobKey = processDefinition.getKey();
        ExecutionListener release = run -> releaseNext(Context.getCommandContext(), jobKey, run.getProcessInstanceId());
        processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, release);
    }

    /** The run {@code endingRun} ends: if no other run of the job is active, the oldest queued fire may start. */
    private static void releaseNext(CommandContext commandContext, String jobKey, String endingRun) {
        List<JobEntity> queued = queued(commandContext, jobKey);
        if (queued.isEmpty() || queued.stream().anyMatch(job -> !job.isSuspended())) {
            return; // nothing waits, or a released fire has not started its run yet
        }
        boolean othersActive = commandContext
                .getProcessEngineConfiguration()
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(jobKey)
                .list()
                .stream()
                .anyMatch(run -> !run.getId().equals(endingRun));
        if (othersActive) {
            return;
        }
        JobEntity next = queued.stream()
                .min(Comparator.comparing(JobEntity::getDuedate, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElseThrow();
        // Activates the job and tells the job executor, which starts the run once this run's end has committed. The job
        // keeps the fire's due time (past already), by which the fire ledger knows the fire.
        Date due = next.getDuedate() == null ? ClockUtil.getCurrentTime() : next.getDuedate();
        commandContext.getJobManager().reschedule(next, due);
    }

    private static List<JobEntity> queued(CommandContext commandContext, String jobKey) {
        return commandContext.getJobManager().findJobsByConfiguration(TYPE, jobKey, null);
    }

    @Override
    public String getType() {
        return TYPE;
    }

    /** Starts the run of a released fire, unless the job was paused or removed meanwhile. */
    @Override
    public void execute(QueuedJob job, ExecutionEntity execution, CommandContext commandContext, String tenantId) {
        ProcessDefinitionEntity definition = commandContext
                .getProcessEngineConfiguration()
                .getDeploymentCache()
                .findDeployedLatestProcessDefinitionByKey(job.key());
        if (definition == null || definition.isSuspended()) {
            log.info("job {}: queued fire dropped, the job is paused or no longer deployed", job.key());
            return;
        }
        long active = commandContext
                .getProcessEngineConfiguration()
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(job.key())
                .count();
        JobEntity queued = commandContext.getCurrentJob();
        Date due = queued == null || queued.getDuedate() == null ? ClockUtil.getCurrentTime() : queued.getDuedate();
        if (active > 0) {
            // A run was started another way (e.g. triggered) since the release: wait for it to end as well.
            enqueue(commandContext, job.key(), due, Integer.MAX_VALUE);
            return;
        }
        Supplier<String> start = () -> commandContext
                .getProcessEngineConfiguration()
                .getRuntimeService()
                .startProcessInstanceById(definition.getId())
                .getId();
        if (ledger.enabled()) {
            ledger.startRun(
                    commandContext,
                    job.key(),
                    due.toInstant(),
                    ClockUtil.getCurrentTime().toInstant(),
                    start);
        } else {
            start.get();
        }
        log.info("job {}: queued fire started its run (chronoflow.overlap=queue)", job.key());
    }

    @Override
    public QueuedJob newConfiguration(String canonicalString) {
        return new QueuedJob(canonicalString);
    }

    @Override
    public void onDelete(QueuedJob configuration, JobEntity jobEntity) {}
}

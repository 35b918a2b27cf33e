package io.chronoflow.engine.scheduling;

import io.chronoflow.engine.deployment.ActivityProperties;
import io.chronoflow.engine.metrics.TimerLag;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.TimerEventJobHandler.TimerJobConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.TimerStartEventJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's timer-start handler with Chronoflow's rules in front: it records the fire's lag and applies the job's
 * overlap policy before the run starts. A subclass rather than a wrapper: the engine schedules a cycle's next fire only
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
        lag.record(Context.getJobExecutorContext());
        String key = configuration.getTimerElementKey();
        ProcessDefinitionEntity definition = commandContext
                .getProcessEngineConfiguration()
                .getDeploymentCache()
                .findDeployedLatestProcessDefinitionByKey(key);
        Overlap overlap = overlap(definition);
        if (overlap != Overlap.ALLOW) {
            List<ProcessInstance> active = commandContext
                    .getProcessEngineConfiguration()
                    .getRuntimeService()
                    .createProcessInstanceQuery()
                    .processDefinitionKey(key)
                    .list();
            if (!active.isEmpty()) {
                if (overlap == Overlap.SKIP) {
                    skipped(key).increment();
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
        super.execute(configuration, execution, commandContext, tenantId);
    }

    private Overlap overlap(ProcessDefinitionEntity definition) {
        String value = definition == null
                ? null
                : properties.get().of(definition.getId(), definition.getKey()).get(Overlap.PROPERTY);
        try {
            return Overlap.of(value);
        } catch (IllegalArgumentException e) {
            log.warn("CF-SCHED-001 {} in job {}; allowing overlap", e.getMessage(), definition.getKey());
            return Overlap.ALLOW;
        }
    }

    private Counter skipped(String key) {
        return Counter.builder("chronoflow.job.fires.skipped")
                .description("Timer fires that started no run, by job and reason")
                .tag("job", key)
                .tag("reason", "overlap")
                .register(meters);
    }
}

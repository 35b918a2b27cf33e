package io.chronoflow.engine.metrics;

import io.chronoflow.engine.history.JobHistory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricProcessInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Adds to every deployed process the listeners behind {@code chronoflow_job_runs_total{job,outcome}} and {@code
 * chronoflow_job_duration_seconds{job}} (when a run ends: {@code completed}, or {@code cancelled} when it was deleted)
 * and {@code chronoflow_compensations_total{job}} (each time a compensation handler starts). Run-end observers (the alert
 * webhook's failure streaks) hear of every ending run.
 */
public final class RunMetrics extends AbstractBpmnParseListener {

    public static final String COMPLETED = "completed";
    public static final String CANCELLED = "cancelled";

    private final MeterRegistry meters;
    private final List<Consumer<RunEnded>> observers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public RunMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A run of {@code job} ended with {@code outcome} after {@code duration} (null when its history is off). */
    public record RunEnded(String job, String runId, String outcome, Duration duration) {}

    public void observe(Consumer<RunEnded> observer) {
        observers.add(observer);
    }

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        String job = processDefinition.getKey();
        // A job with chronoflow.history=none: its runs have no start time to measure a duration from.
        boolean timed = JobHistory.declaredBy(processElement) != JobHistory.NONE;
        processDefinition.addBuiltInListener(
                ExecutionListener.EVENTNAME_END, (ExecutionListener) run -> ended(job, run, timed));
        addCompensationCounters(job, processDefinition);
    }

    private void ended(String job, DelegateExecution run, boolean timed) {
        String outcome = run.isCanceled() ? CANCELLED : COMPLETED;
        Duration duration = null;
        CommandContext command = timed ? Context.getCommandContext() : null;
        HistoricProcessInstanceEntity history = command == null
                ? null
                : command.getHistoricProcessInstanceManager().findHistoricProcessInstance(run.getProcessInstanceId());
        if (history != null && history.getStartTime() != null) {
            duration = Duration.ofMillis(Math.max(
                    0,
                    ClockUtil.getCurrentTime().getTime()
                            - history.getStartTime().getTime()));
        } else if (command != null
                && command.getProcessEngineConfiguration().getHistoryLevel() != HistoryLevel.HISTORY_LEVEL_NONE) {
            duration = Duration.ZERO; // started in this very transaction: its history is not written yet
        }
        Counter.builder("chronoflow.job.runs")
                .description("Runs that ended, by job and outcome (completed, cancelled)")
                .tag("job_key", job)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
        if (duration != null) {
            Timer.builder("chronoflow.job.duration")
                    .description("How long runs took from start to end, by job")
                    .tag("job_key", job)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(10))
                    .maximumExpectedValue(Duration.ofHours(6))
                    .register(meters)
                    .record(duration);
        }
        RunEnded event = new RunEnded(job, run.getProcessInstanceId(), outcome, duration);
        observers.forEach(o -> o.accept(event));
    }

    private void addCompensationCounters(String job, ScopeImpl scope) {
        for (ActivityImpl activity : scope.getActivities()) {
            if (activity.isCompensationHandler()) {
                activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener)
                        execution -> compensations(job).increment());
            }
            addCompensationCounters(job, activity);
        }
    }

    private Counter compensations(String job) {
        return Counter.builder("chronoflow.compensations")
                .description("Compensation handlers started, by job")
                .tag("job_key", job)
                .register(meters);
    }
}

package io.chronoflow.engine.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.runtime.Incident;

/**
 * Wraps each of the engine's incident handlers: an incident that opens counts as a failure of its job ({@code
 * chronoflow_job_failures_total{job,type}}), and observers (the alert webhook) hear of incidents that open or are
 * resolved once the engine's transaction has committed, so nothing rolled back is ever reported.
 */
public final class IncidentObserver implements IncidentHandler {

    /** An incident of {@code job} opened or was resolved. */
    public record IncidentEvent(
            String kind, String job, String incidentType, String runId, String activityId, String message) {
        public static final String OPENED = "incident-opened";
        public static final String RESOLVED = "incident-resolved";
    }

    private final IncidentHandler delegate;
    private final MeterRegistry meters;
    private final List<Consumer<IncidentEvent>> observers;

    public IncidentObserver(IncidentHandler delegate, MeterRegistry meters, List<Consumer<IncidentEvent>> observers) {
        this.delegate = delegate;
        this.meters = meters;
        this.observers = observers;
    }

    @Override
    public String getIncidentHandlerType() {
        return delegate.getIncidentHandlerType();
    }

    @Override
    public Incident handleIncident(IncidentContext context, String message) {
        Incident incident = delegate.handleIncident(context, message);
        String job = jobOf(context);
        Counter.builder("chronoflow.job.failures")
                .description("Incidents opened, by job and incident type")
                .tag("job_key", job)
                .tag("type", getIncidentHandlerType())
                .register(meters)
                .increment();
        afterCommit(new IncidentEvent(
                IncidentEvent.OPENED,
                job,
                getIncidentHandlerType(),
                incident == null ? null : incident.getProcessInstanceId(),
                context.getActivityId(),
                message));
        return incident;
    }

    @Override
    public void resolveIncident(IncidentContext context) {
        delegate.resolveIncident(context);
        afterCommit(new IncidentEvent(
                IncidentEvent.RESOLVED, jobOf(context), getIncidentHandlerType(), null, context.getActivityId(), null));
    }

    @Override
    public void deleteIncident(IncidentContext context) {
        delegate.deleteIncident(context);
    }

    private void afterCommit(IncidentEvent event) {
        if (observers.isEmpty() || Context.getCommandContext() == null) {
            return;
        }
        Context.getCommandContext()
                .getTransactionContext()
                .addTransactionListener(TransactionState.COMMITTED, c -> observers.forEach(o -> o.accept(event)));
    }

    private static String jobOf(IncidentContext context) {
        if (context.getProcessDefinitionId() == null) {
            return "unknown";
        }
        ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration()
                .getDeploymentCache()
                .findDeployedProcessDefinitionById(context.getProcessDefinitionId());
        return definition == null ? "unknown" : definition.getKey();
    }
}

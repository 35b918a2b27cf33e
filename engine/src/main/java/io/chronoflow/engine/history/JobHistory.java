package io.chronoflow.engine.history;

import io.chronoflow.engine.config.OptionValue;
import io.chronoflow.engine.deployment.ModelOptionsCheck;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * How much history a job's runs leave ({@code chronoflow.history} on the process): history costs up to half of a
 * short run's database work, and a job firing every second rarely needs its variables kept. The engine's own level
 * stays {@code full}; what a job does not keep is not written.
 */
public enum JobHistory {
    /** Everything the engine records (the default): runs, activities, variables, job and task logs, incidents. */
    FULL("full"),
    /**
     * What the jobs API, the console and Cockpit's run views need: runs, their activities, user tasks and incidents;
     * no variables, variable details, job logs or external-task logs.
     */
    ACTIVITY("activity"),
    /** No history at all: the fire ledger and the run metrics still record each fire and run. */
    NONE("none");

    public static final String PROPERTY = "chronoflow.history";

    private final String id;

    JobHistory(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static JobHistory of(String value) {
        return OptionValue.of(JobHistory.class, JobHistory::id, PROPERTY, value, FULL);
    }

    /**
     * The level a process element declares; {@code full} when it declares an unknown one (such a model is refused,
     * with the reason, by {@code ModelOptionsCheck}).
     */
    public static JobHistory declaredBy(Element processElement) {
        try {
            return of(ModelOptionsCheck.property(processElement, PROPERTY));
        } catch (IllegalArgumentException invalid) {
            return FULL;
        }
    }

    /** True if a job at this level keeps {@code event}. */
    boolean keeps(HistoryEvent event) {
        return switch (this) {
            case FULL -> true;
            case NONE -> false;
            case ACTIVITY ->
                event instanceof HistoricProcessInstanceEventEntity
                        || event instanceof HistoricActivityInstanceEventEntity
                        || event instanceof HistoricIncidentEventEntity
                        || event instanceof HistoricTaskInstanceEventEntity;
        };
    }
}

package io.chronoflow.engine.scheduling;

import java.time.Instant;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * One run of a job.
 *
 * @param id the run (process instance) id.
 * @param jobKey the job.
 * @param businessKey its business key, or null.
 * @param state the engine's state: ACTIVE, COMPLETED, SUSPENDED, EXTERNALLY_TERMINATED, INTERNALLY_TERMINATED.
 * @param outcome {@code running}, {@code completed}, {@code compensated} (a saga that ended at an end event marked {@code
 *     chronoflow.outcome=compensated}), {@code failed} (ended abnormally or has an open incident),
 *     {@code timed-out} (outlived {@code chronoflow.timeout}) or {@code cancelled}.
 * @param start when it started.
 * @param end when it ended, or null.
 * @param durationMs how long it ran, or null while running.
 * @param error the latest incident message, or null.
 */
public record RunSummary(
        String id,
        String jobKey,
        String businessKey,
        String state,
        String outcome,
        Instant start,
        Instant end,
        Long durationMs,
        String error) {

    /** End-event property naming the outcome of a run that ends there. */
    public static final String OUTCOME_PROPERTY = "chronoflow.outcome";
    /** Its value for the end of a saga's compensation path. */
    public static final String COMPENSATED = "compensated";

    static RunSummary of(HistoricProcessInstance run, HistoricIncident latestIncident, boolean compensated) {
        String error = latestIncident == null ? null : latestIncident.getIncidentMessage();
        boolean timedOut = latestIncident != null && RunTimeouts.INCIDENT_TYPE.equals(latestIncident.getIncidentType());
        String state = run.getState();
        String outcome = switch (state) {
            // A saga that undid its steps ends at an end event marked chronoflow.outcome=compensated (docs/sagas.md).
            case HistoricProcessInstance.STATE_COMPLETED -> compensated ? COMPENSATED : "completed";
            case HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED -> "cancelled";
            // Chronoflow's own policies cancel runs from inside the engine and say so in the delete reason.
            case HistoricProcessInstance.STATE_INTERNALLY_TERMINATED ->
                run.getDeleteReason() != null && run.getDeleteReason().contains("chronoflow.") ? "cancelled" : "failed";
            default -> timedOut ? "timed-out" : error != null ? "failed" : "running";
        };
        return new RunSummary(
                run.getId(),
                run.getProcessDefinitionKey(),
                run.getBusinessKey(),
                state,
                outcome,
                run.getStartTime() == null ? null : run.getStartTime().toInstant(),
                run.getEndTime() == null ? null : run.getEndTime().toInstant(),
                run.getDurationInMillis(),
                error);
    }

    /**
     * A run known only from the runtime (its job keeps no history, {@code chronoflow.history=none}): its id, and
     * whether it is still active; no times.
     */
    static RunSummary withoutHistory(ProcessInstance run, String id, String jobKey, String businessKey) {
        boolean active = run != null && !run.isEnded();
        return new RunSummary(
                id,
                jobKey,
                businessKey,
                active ? "ACTIVE" : HistoricProcessInstance.STATE_COMPLETED,
                active ? "running" : "completed",
                null,
                null,
                null,
                null);
    }
}

package io.chronoflow.engine.dispatch;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.rest.dto.VariableValueDto;

/**
 * {@code POST /api/v1/dispatch/complete}: one worker completes many external tasks in one request and, as far as
 * possible, one transaction.
 *
 * @param workerId the worker the tasks are locked to.
 * @param tasks the tasks, with the variables to set (Camunda's REST format: {@code {"value": …, "type": …}}).
 */
public record CompleteBatch(
        @NotBlank @Size(max = 255) String workerId,
        @NotEmpty @Size(max = 1000) List<@Valid Task> tasks) {

    /**
     * @param id the external task.
     * @param variables process variables to set, as {@code /engine-rest/external-task/{id}/complete} takes them.
     * @param localVariables local variables to set.
     */
    public record Task(
            @NotBlank String id,
            Map<String, VariableValueDto> variables,
            Map<String, VariableValueDto> localVariables) {}

    /**
     * @param completed the ids of the tasks completed.
     * @param refused the tasks not completed, each with the reason (another worker holds it now, it no longer exists,
     *     its topic is not this worker's).
     */
    public record Result(List<String> completed, List<Refused> refused) {}

    public record Refused(String id, String reason) {}
}

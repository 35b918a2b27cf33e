package io.chronoflow.worker;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An external task fetched and locked for this worker.
 *
 * @param id the external task id.
 * @param topic the topic it was fetched for.
 * @param processDefinitionKey the job key.
 * @param processInstanceId the run.
 * @param activityId the BPMN element.
 * @param businessKey the run's business key, or null.
 * @param retries retries left as the engine knows them; null before the first failure.
 * @param priority the task priority.
 * @param lockExpiration when the engine's lock on the task expires unless extended.
 * @param variables the run's variables, JSON-typed values as plain Java (maps, lists, strings, numbers, booleans).
 * @param properties the {@code camunda:properties} of the task element (e.g. {@code chronoflow.retries}).
 */
public record Task(
        String id,
        String topic,
        String processDefinitionKey,
        String processInstanceId,
        String activityId,
        String businessKey,
        Integer retries,
        long priority,
        Instant lockExpiration,
        Map<String, Object> variables,
        Map<String, String> properties) {

    public Task {
        variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(variables);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** The variable, or null when the run has none of that name. */
    @SuppressWarnings("unchecked")
    public <T> T variable(String name) {
        return (T) variables.get(name);
    }

    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }
}

package io.chronoflow.engine.scheduling;

import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * Starts a run now.
 *
 * @param businessKey optional business key of the run (at most 255 characters).
 * @param variables optional variables: strings, numbers, booleans, and objects or arrays (stored as JSON).
 */
public record TriggerRequest(@Size(max = 255) String businessKey, Map<String, Object> variables) {}

package io.chronoflow.worker;

import java.util.Map;

/**
 * A business failure, thrown by a handler: the engine routes it to the matching error boundary event of the task (by
 * {@code errorCode}), for example to start compensation. It consumes no retries.
 */
public class BpmnError extends RuntimeException {

    private final String errorCode;
    private final transient Map<String, Object> variables;

    public BpmnError(String errorCode, String message) {
        this(errorCode, message, Map.of());
    }

    public BpmnError(String errorCode, String message, Map<String, Object> variables) {
        super(message);
        if (errorCode == null || errorCode.isBlank()) {
            throw new IllegalArgumentException("a BPMN error needs an errorCode");
        }
        this.errorCode = errorCode;
        this.variables = Map.copyOf(variables);
    }

    public String errorCode() {
        return errorCode;
    }

    public Map<String, Object> variables() {
        return variables;
    }
}

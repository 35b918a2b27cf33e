package io.chronoflow.worker;

/**
 * Does the work of one external task. Return normally and the task is completed with the variables set on the context;
 * throw {@link BpmnError} for a business failure the model handles (an error boundary event, compensation); throw
 * anything else for a technical failure, which is retried with exponential back-off and becomes an incident once the
 * retries are exhausted.
 *
 * <p>Handlers run on the worker's bounded pool, never on the fetch thread, and may be redelivered (a lock that expired,
 * a worker that died after its write but before it reported), so they must be idempotent.
 */
@FunctionalInterface
public interface TaskHandler {

    void handle(Task task, TaskContext context) throws Exception;
}

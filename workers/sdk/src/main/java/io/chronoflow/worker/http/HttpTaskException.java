package io.chronoflow.worker.http;

/**
 * A technical failure of an HTTP task: a bad task property, a missing secret or variable, a timeout, a connection error
 * or a response status that is worth retrying (5xx, 408, 429). The worker retries the task with back-off and the engine
 * opens an incident once its retries are spent. The message names the call by its templates, never by filled-in values,
 * and carries no cause, so no secret can reach the log, the incident or the error details through it.
 */
public final class HttpTaskException extends Exception {

    HttpTaskException(String message) {
        super(message, null, false, true);
    }
}

package io.chronoflow.worker.internal;

import io.chronoflow.worker.Task;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * How a technical failure is reported: the retries left after this one and the pause before the next attempt. The
 * model's {@code chronoflow.retries} and {@code chronoflow.retry-backoff} task properties win over the worker's defaults;
 * the pause doubles with each failure (5 s, 10 s, 20 s … by default), capped at one hour. Zero retries left makes the
 * engine open an incident.
 *
 * @param retriesLeft retries after this failure.
 * @param pause how long the engine holds the task back before handing it out again.
 * @param modelProblem what was wrong with the model's retry properties (the defaults were used), or null.
 */
record RetryDecision(int retriesLeft, Duration pause, String modelProblem) {

    static final Duration MAX_PAUSE = Duration.ofHours(1);

    static RetryDecision after(Task task, int defaultRetries, Duration defaultBackoff) {
        StringBuilder problems = new StringBuilder();
        int configured = defaultRetries;
        String retriesProperty = task.properties().get("chronoflow.retries");
        if (retriesProperty != null) {
            try {
                configured = Math.max(0, Integer.parseInt(retriesProperty.strip()));
            } catch (NumberFormatException e) {
                problems.append("chronoflow.retries must be a whole number, was '")
                        .append(retriesProperty)
                        .append("'");
            }
        }
        Duration base = defaultBackoff;
        String backoffProperty = task.properties().get("chronoflow.retry-backoff");
        if (backoffProperty != null) {
            try {
                base = Duration.parse(backoffProperty.strip());
            } catch (DateTimeParseException e) {
                problems.append(problems.isEmpty() ? "" : "; ")
                        .append("chronoflow.retry-backoff must be an ISO-8601 duration such as PT5S, was '")
                        .append(backoffProperty)
                        .append("'");
            }
        }
        int remaining = task.retries() == null ? configured : task.retries();
        int failuresSoFar = Math.max(0, configured - remaining);
        Duration pause = base.multipliedBy(1L << Math.min(failuresSoFar, 20));
        if (pause.compareTo(MAX_PAUSE) > 0) {
            pause = MAX_PAUSE;
        }
        return new RetryDecision(Math.max(0, remaining - 1), pause, problems.isEmpty() ? null : problems.toString());
    }
}

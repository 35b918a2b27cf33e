package io.chronoflow.examples.saga;

import io.chronoflow.worker.BpmnError;
import io.chronoflow.worker.Task;

/**
 * Failures a run asks for, to show and test compensation: {@code failAt} names a step ({@code reserve}, {@code
 * charge}, {@code ship}) and {@code failKind} how it fails — {@code business} (a BPMN error at once) or {@code
 * technical} (an exception on every attempt, until the retries are used up); {@code failCompensation} is {@code
 * <handler>:<n>} (its first n attempts fail) or {@code <handler>:always}. Failures happen before anything is written.
 */
final class Faults {

    /** The retries a saga task starts with (chronoflow.retries in the model). */
    private static final int RETRIES = 3;

    private Faults() {}

    static void step(Task task, String step, String businessErrorCode) {
        if (!step.equals(task.variable("failAt"))) {
            return;
        }
        if ("technical".equals(task.variable("failKind"))) {
            throw new IllegalStateException(step + " failed (technical failure injected by the run)");
        }
        throw new BpmnError(businessErrorCode, step + " refused (business failure injected by the run)");
    }

    static void compensation(Task task, String handler) {
        Object spec = task.variable("failCompensation");
        if (spec == null || !spec.toString().startsWith(handler + ":")) {
            return;
        }
        String times = spec.toString().substring(handler.length() + 1);
        int failuresSoFar = task.retries() == null ? 0 : RETRIES - task.retries();
        if ("always".equals(times) || failuresSoFar < Integer.parseInt(times)) {
            throw new IllegalStateException(handler + " failed (attempt " + (failuresSoFar + 1) + ", injected)");
        }
    }
}

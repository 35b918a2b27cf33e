package io.chronoflow.examples;

import io.chronoflow.worker.Task;
import io.chronoflow.worker.TaskContext;
import io.chronoflow.worker.TaskHandler;

/** Handler of the {@code heartbeat-report} example job (topic {@code demo.report}): records who reported and when. */
public final class HeartbeatReport implements TaskHandler {

    public static final String TOPIC = "demo.report";

    private final String reporter;

    public HeartbeatReport(String reporter) {
        this.reporter = reporter;
    }

    @Override
    public void handle(Task task, TaskContext context) {
        context.setVariable("reportedAt", context.clock().instant().toString());
        context.setVariable("reportedBy", reporter);
    }
}

package io.chronoflow.bench;

import java.util.List;

/** How the engine nodes of one system under test are configured. */
enum Variant {
    /** Chronoflow as shipped: precise timers (sleep until the next due job, nodes announce new timers). */
    CHRONOFLOW("chronoflow", List.of()),
    /**
     * The same engine jar with Camunda 7's stock job acquisition and its documented defaults: wait 5 s, back-off
     * doubling up to 60 s when idle, 3 jobs per acquisition, pool 3..10 with a queue of 3, acquisition not by due date.
     */
    CAMUNDA_DEFAULTS(
            "camunda-defaults",
            List.of(
                    "--chronoflow.timers.precise=false",
                    "--camunda.bpm.job-execution.wait-time-in-millis=5000",
                    "--camunda.bpm.job-execution.max-wait=60000",
                    "--camunda.bpm.job-execution.max-jobs-per-acquisition=3",
                    "--camunda.bpm.job-execution.core-pool-size=3",
                    "--camunda.bpm.job-execution.max-pool-size=10",
                    "--camunda.bpm.job-execution.queue-capacity=3",
                    "--camunda.bpm.generic-properties.properties.jobExecutorAcquireByDueDate=false"));

    private final String id;
    private final List<String> engineArgs;

    Variant(String id, List<String> engineArgs) {
        this.id = id;
        this.engineArgs = engineArgs;
    }

    String id() {
        return id;
    }

    List<String> engineArgs() {
        return engineArgs;
    }
}

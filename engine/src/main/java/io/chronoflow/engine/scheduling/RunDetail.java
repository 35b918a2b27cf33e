package io.chronoflow.engine.scheduling;

import java.time.Instant;
import java.util.List;

/**
 * A run with its timeline.
 *
 * @param run the summary.
 * @param activities every activity instance in start order.
 * @param shards per sharded (multi-instance) task: how many shards there are and in which state.
 */
public record RunDetail(RunSummary run, List<Activity> activities, List<ShardSummary> shards) {

    /**
     * @param activityId the BPMN element.
     * @param name its name.
     * @param type its BPMN type.
     * @param start when it started.
     * @param end when it ended, or null.
     * @param durationMs how long it took, or null.
     * @param state {@code active}, {@code completed} or {@code canceled}.
     */
    public record Activity(
            String activityId, String name, String type, Instant start, Instant end, Long durationMs, String state) {}

    /**
     * @param activityId the sharded task.
     * @param total shards started.
     * @param completed shards done.
     * @param active shards running or waiting for a worker.
     * @param canceled shards canceled.
     */
    public record ShardSummary(String activityId, int total, int completed, int active, int canceled) {}
}

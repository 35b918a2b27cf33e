package io.chronoflow.engine.dispatch;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A worker's long-poll for work, routed by each job's strategy. The shape follows Camunda's fetchAndLock so that the
 * answer is the same list of locked tasks.
 *
 * @param workerId the worker asking; tasks are locked to it.
 * @param maxTasks at most this many tasks (the worker's free slots).
 * @param asyncResponseTimeout how long to wait for work, in milliseconds (at most 5 minutes).
 * @param weight the worker's weight, for workers that are not in the registry.
 * @param registered true when the worker keeps a registry entry: once the entry is gone (the worker died or left), its
 *     waiting requests get no more work.
 * @param topics the topics and their lock durations.
 */
public record DispatchRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._@:-]{1,128}")
        String workerId,

        @Min(1) @Max(1000) int maxTasks,
        @Min(0) @Max(300_000) long asyncResponseTimeout,
        Integer weight,
        Boolean registered,
        @NotEmpty @Valid List<Topic> topics) {

    /** @param workerId the worker that stops polling. */
    public record Cancel(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._@:-]{1,128}")
            String workerId) {}

    /**
     * @param topicName the topic.
     * @param lockDuration lock duration in milliseconds (1 s to 1 day).
     * @param variables the variables the worker's handler reads, as in fetchAndLock; absent: all of the task's
     *     variables; empty: none.
     */
    public record Topic(
            @NotBlank String topicName,
            @Min(1000) @Max(86_400_000) long lockDuration,
            @Size(max = 1000) List<@NotBlank String> variables) {}
}

package io.chronoflow.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The settings of one worker, immutable and checked once in {@link #validate()}, with messages naming the setting.
 *
 * @param engineUrls the {@code /engine-rest} base URLs of the engine nodes, tried in order; a node that cannot be
 *     reached is skipped until the others fail too.
 * @param authorization the value of the {@code Authorization} header, or null.
 * @param workerId this worker's id, unique among live workers.
 * @param weight share of work under weighted routing.
 * @param capacity how many tasks run at once; never more are fetched than there are free slots.
 * @param tags free-form labels shown in the registry.
 * @param lockDuration how long a fetched task stays locked; extended at half-time while its handler runs.
 * @param longPoll how long one fetch waits for work before it returns empty.
 * @param shutdownGrace how long {@code close()} lets running handlers finish before it cancels and unlocks them.
 * @param unreachableBackoffMin first pause after the engine could not be reached, doubled up to the max.
 * @param unreachableBackoffMax longest pause while the engine cannot be reached.
 * @param retries retries of a failing task when its model sets no {@code chronoflow.retries}.
 * @param retryBackoff pause before the first retry, doubled each time (model: {@code chronoflow.retry-backoff}).
 * @param heartbeatInterval how often the worker refreshes its registry entry.
 * @param heartbeatTtl how long the entry outlives the last heartbeat (a dead worker disappears after it).
 * @param shardLockWait how long to wait for a shard lock held by someone else before giving the task back.
 * @param shardLockLease how long a shard lock outlives its holder (renewed while the holder lives).
 * @param keyPrefix prefix of every Redis key this worker writes.
 * @param routed fetch through the engine's routed dispatch, so that each job's {@code chronoflow.routing} decides
 *     which worker gets a task; off means plain first-come-first-served fetchAndLock.
 */
public record WorkerOptions(
        List<String> engineUrls,
        String authorization,
        String workerId,
        int weight,
        int capacity,
        Set<String> tags,
        Duration lockDuration,
        Duration longPoll,
        Duration shutdownGrace,
        Duration unreachableBackoffMin,
        Duration unreachableBackoffMax,
        int retries,
        Duration retryBackoff,
        Duration heartbeatInterval,
        Duration heartbeatTtl,
        Duration shardLockWait,
        Duration shardLockLease,
        String keyPrefix,
        boolean routed) {

    public WorkerOptions {
        engineUrls = List.copyOf(engineUrls);
        tags = Set.copyOf(tags);
    }

    /** Throws one {@link IllegalArgumentException} listing every setting that is wrong. */
    public WorkerOptions validate() {
        List<String> problems = new ArrayList<>();
        if (engineUrls.isEmpty()) {
            problems.add("engineUrl: at least one engine URL is required");
        }
        for (String url : engineUrls) {
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                problems.add("engineUrl: '" + url + "' must start with http:// or https://");
            }
        }
        if (workerId == null || workerId.isBlank() || !workerId.matches("[A-Za-z0-9._@:-]{1,128}")) {
            problems.add("workerId: 1-128 characters of letters, digits and . _ @ : - (was '" + workerId + "')");
        }
        if (weight < 1 || weight > 1000) {
            problems.add("weight: must be 1..1000 (was " + weight + ")");
        }
        if (capacity < 1 || capacity > 1000) {
            problems.add("capacity: must be 1..1000 (was " + capacity + ")");
        }
        positive(problems, "lockDuration", lockDuration);
        positive(problems, "longPoll", longPoll);
        positive(problems, "unreachableBackoffMin", unreachableBackoffMin);
        positive(problems, "retryBackoff", retryBackoff);
        positive(problems, "heartbeatInterval", heartbeatInterval);
        positive(problems, "shardLockLease", shardLockLease);
        notNegative(problems, "shutdownGrace", shutdownGrace);
        notNegative(problems, "shardLockWait", shardLockWait);
        if (lockDuration != null && lockDuration.compareTo(Duration.ofSeconds(2)) < 0) {
            problems.add("lockDuration: at least 2s, so that it can be extended in time (was " + lockDuration + ")");
        }
        if (unreachableBackoffMin != null
                && unreachableBackoffMax != null
                && unreachableBackoffMax.compareTo(unreachableBackoffMin) < 0) {
            problems.add("unreachableBackoffMax (" + unreachableBackoffMax
                    + ") must not be below unreachableBackoffMin (" + unreachableBackoffMin + ")");
        }
        if (heartbeatInterval != null && heartbeatTtl != null && heartbeatTtl.compareTo(heartbeatInterval) <= 0) {
            problems.add("heartbeatTtl (" + heartbeatTtl + ") must be longer than heartbeatInterval ("
                    + heartbeatInterval + "), or a live worker would flicker out of the registry");
        }
        if (retries < 0) {
            problems.add("retries: must not be negative (was " + retries + ")");
        }
        if (keyPrefix == null || !keyPrefix.matches("[A-Za-z0-9_.:-]{1,64}")) {
            problems.add("keyPrefix: 1-64 characters of letters, digits and _ . : - (was '" + keyPrefix + "')");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid worker settings: " + String.join("; ", problems));
        }
        return this;
    }

    private static void positive(List<String> problems, String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            problems.add(name + ": must be a positive duration (was " + value + ")");
        }
    }

    private static void notNegative(List<String> problems, String name, Duration value) {
        if (value == null || value.isNegative()) {
            problems.add(name + ": must not be negative (was " + value + ")");
        }
    }

    @Override
    public String toString() {
        return "WorkerOptions[workerId=" + workerId + ", engineUrls=" + engineUrls + ", capacity=" + capacity
                + ", weight=" + weight + ", authorization=" + (authorization == null ? "none" : "***") + "]";
    }
}

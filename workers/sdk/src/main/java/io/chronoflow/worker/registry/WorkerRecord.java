package io.chronoflow.worker.registry;

import java.time.Instant;
import java.util.List;

/**
 * What a worker publishes about itself in the registry; the engine lists these at {@code GET /api/v1/workers}.
 *
 * @param id the worker id.
 * @param host host name.
 * @param pid operating-system process id.
 * @param topics the topics it has handlers for.
 * @param weight its share under weighted routing.
 * @param capacity how many tasks it runs at once.
 * @param tags free-form labels.
 * @param version the SDK version.
 * @param startedAt when the worker started.
 * @param lastHeartbeat when it last refreshed this entry.
 * @param inFlight tasks running now.
 * @param done tasks completed since start.
 * @param failed tasks failed (technical failures and BPMN errors) since start.
 */
public record WorkerRecord(
        String id,
        String host,
        long pid,
        List<String> topics,
        int weight,
        int capacity,
        List<String> tags,
        String version,
        Instant startedAt,
        Instant lastHeartbeat,
        int inFlight,
        long done,
        long failed) {}

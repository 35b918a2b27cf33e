package io.chronoflow.engine.fires;

import java.time.Instant;

/**
 * One expected fire of a job as the ledger has it.
 *
 * @param jobKey the job.
 * @param due the fire's due time.
 * @param status on-time, late, missed, skipped-by-policy, paused or queued.
 * @param reason why a fire started no run (for skipped-by-policy: misfire-skip, misfire-fire-once,
 *     misfire-catch-up-max, under-misfire-threshold, overlap-skip, overlap-queue-full).
 * @param runId the run the fire started.
 * @param startedAt when that run started.
 * @param lagMillis how long after the due time the run started.
 * @param node the engine node that recorded the fire.
 * @param recordedAt when the fire was recorded (for missed and paused fires: when reconciliation classified them).
 * @param duplicatesRefused how many further runs of this fire were refused.
 * @param lastDuplicateAt when the last of those was refused.
 */
public record FireView(
        String jobKey,
        Instant due,
        String status,
        String reason,
        String runId,
        Instant startedAt,
        Long lagMillis,
        String node,
        Instant recordedAt,
        int duplicatesRefused,
        Instant lastDuplicateAt) {}

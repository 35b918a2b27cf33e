package io.chronoflow.engine.scheduling;

import java.time.Instant;
import java.util.List;

/**
 * A job as the catalog shows it.
 *
 * @param key the job key (process definition key).
 * @param name the process name.
 * @param version the latest deployed version.
 * @param definitionId the latest definition's id.
 * @param schedule when it starts by itself.
 * @param timeZone the zone its cron expressions are evaluated in: {@code chronoflow.timezone}, else the engine's.
 * @param nextFireTimes the next five fire times (empty when paused or on demand).
 * @param state {@code active} or {@code paused}.
 * @param lastRun the most recent run, or null.
 * @param openIncidents incidents open in its runs.
 */
public record JobView(
        String key,
        String name,
        int version,
        String definitionId,
        Schedule schedule,
        String timeZone,
        List<Instant> nextFireTimes,
        String state,
        RunSummary lastRun,
        long openIncidents) {}

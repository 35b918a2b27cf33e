package io.chronoflow.engine.scheduling;

import io.chronoflow.engine.config.OptionValue;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;

/**
 * What a timer fire does when it comes later than its misfire threshold (after downtime, or with the job executor
 * stalled): {@code chronoflow.misfire} on the process.
 *
 * <ul>
 *   <li>{@code fire-once} (default): one catch-up run, then the regular schedule;
 *   <li>{@code skip}: no run; the job waits for its next regular time;
 *   <li>{@code catch-up}: one run for every fire time missed, at most {@code chronoflow.misfire.max} (default 10).
 * </ul>
 *
 * A fire is a misfire when it starts more than {@code chronoflow.misfire.threshold} (ISO-8601, default {@code PT1M})
 * after its due time.
 */
public enum Misfire {
    FIRE_ONCE("fire-once"),
    SKIP("skip"),
    CATCH_UP("catch-up");

    public static final String PROPERTY = "chronoflow.misfire";
    public static final String MAX = "chronoflow.misfire.max";
    public static final String THRESHOLD = "chronoflow.misfire.threshold";
    static final int DEFAULT_MAX = 10;
    static final Duration DEFAULT_THRESHOLD = Duration.ofMinutes(1);

    private final String id;

    Misfire(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Misfire of(String value) {
        return OptionValue.of(Misfire.class, Misfire::id, PROPERTY, value, FIRE_ONCE);
    }

    /**
     * How many runs a fire starts.
     *
     * @param options the job's {@code camunda:properties}.
     * @param repeat the timer's cycle as the engine keeps it (cron, {@code TZ=… cron} or {@code R/…}); null for one-off
     *     timers.
     * @param due the fire's due time.
     * @param now the time it fires.
     * @param scheduledNext the fire time the engine has just scheduled as this timer's next one (it computes it from
     *     the clock as the job starts, a little before {@code now}), or null if unknown: fire times from it on are
     *     still to come, not missed, so a catch-up neither doubles nor drops a fire time at that boundary.
     * @param calendar the engine's cycle calendar, to enumerate the fire times missed in between.
     */
    public static int runsToStart(
            Map<String, String> options,
            String repeat,
            Instant due,
            Instant now,
            Instant scheduledNext,
            BusinessCalendar calendar) {
        Duration threshold = duration(options.get(THRESHOLD), DEFAULT_THRESHOLD);
        if (due == null || Duration.between(due, now).compareTo(threshold) <= 0) {
            return 1; // on time: the normal fire
        }
        Misfire policy = of(options.get(PROPERTY));
        switch (policy) {
            case SKIP:
                return 0;
            case CATCH_UP:
                int max = max(options.get(MAX));
                int missed = 1;
                Date next = Date.from(due);
                while (repeat != null && missed < max) {
                    next = calendar.resolveDuedate(repeat, next);
                    if (next == null
                            || (scheduledNext == null
                                    ? next.toInstant().isAfter(now)
                                    : !next.toInstant().isBefore(scheduledNext))) {
                        break;
                    }
                    missed++;
                }
                return missed;
            default:
                return 1;
        }
    }

    public static int max(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX;
        }
        try {
            int max = Integer.parseInt(value.strip());
            if (max < 1) {
                throw new NumberFormatException();
            }
            return max;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX + " must be a whole number of at least 1, was '" + value + "'");
        }
    }

    public static Duration duration(String value, Duration fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(THRESHOLD + " '" + value + "' is not an ISO-8601 duration such as PT1M");
        }
    }
}

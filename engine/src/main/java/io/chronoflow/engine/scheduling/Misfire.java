package io.chronoflow.engine.scheduling;

import io.chronoflow.engine.config.OptionValue;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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
    /** The largest {@code chronoflow.misfire.max}: one late fire starts at most this many runs. */
    static final int MAX_LIMIT = 10_000;

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

    /** Fire times the handler records as skipped at most, per fire; any further ones are left to reconciliation. */
    static final int SKIPPED_RECORD_LIMIT = 1000;

    /**
     * What one fire does with the fire times it stands for.
     *
     * @param run the fire times to start a run for, oldest first (the fire's own due time first).
     * @param skipped fire times between this one and the next the engine scheduled that start no run, oldest first.
     * @param skipReason why those are skipped: {@code under-misfire-threshold}, {@code misfire-skip}, {@code
     *     misfire-fire-once} or {@code misfire-catch-up-max}.
     */
    public record Plan(List<Instant> run, List<Instant> skipped, String skipReason) {}

    /**
     * Which fire times a fire runs and which it skips.
     *
     * @param options the job's {@code camunda:properties}.
     * @param repeat the timer's cycle as the engine keeps it (cron, {@code TZ=… cron} or {@code R/…}); null for one-off
     *     timers.
     * @param due the fire's due time.
     * @param now the time it fires.
     * @param scheduledNext the fire time the engine has just scheduled as this timer's next one (it computes it from
     *     the clock as the job starts, a little before {@code now}), or null if unknown: fire times from it on are
     *     still to come, not missed, so a catch-up neither doubles nor drops a fire time at that boundary; the ones
     *     before it that are not run are skipped.
     * @param calendar the engine's cycle calendar, to enumerate the fire times missed in between.
     */
    public static Plan plan(
            Map<String, String> options,
            String repeat,
            Instant due,
            Instant now,
            Instant scheduledNext,
            BusinessCalendar calendar) {
        Duration threshold = duration(options.get(THRESHOLD), DEFAULT_THRESHOLD);
        List<Instant> between = due == null ? List.of() : between(repeat, due, now, scheduledNext, calendar);
        if (due == null || Duration.between(due, now).compareTo(threshold) <= 0) {
            return new Plan(due == null ? List.of() : List.of(due), limit(between), "under-misfire-threshold");
        }
        switch (of(options.get(PROPERTY))) {
            case SKIP:
                List<Instant> all = new ArrayList<>();
                all.add(due);
                all.addAll(between);
                return new Plan(List.of(), limit(all), "misfire-skip");
            case CATCH_UP:
                int run = Math.min(between.size(), max(options.get(MAX)) - 1);
                List<Instant> runs = new ArrayList<>();
                runs.add(due);
                runs.addAll(between.subList(0, run));
                return new Plan(runs, limit(between.subList(run, between.size())), "misfire-catch-up-max");
            default:
                return new Plan(List.of(due), limit(between), "misfire-fire-once");
        }
    }

    /**
     * The fire times after {@code due} and before {@code scheduledNext} (before {@code now} when that is unknown): the
     * ones this fire stands for besides its own. At most {@value #SKIPPED_RECORD_LIMIT} + the largest catch-up.
     */
    private static List<Instant> between(
            String repeat, Instant due, Instant now, Instant scheduledNext, BusinessCalendar calendar) {
        List<Instant> times = new ArrayList<>();
        Instant bound = scheduledNext == null ? now : scheduledNext;
        Date next = Date.from(due);
        while (repeat != null && times.size() < SKIPPED_RECORD_LIMIT + MAX_LIMIT) {
            next = calendar.resolveDuedate(repeat, next);
            if (next == null
                    || (scheduledNext == null
                            ? next.toInstant().isAfter(bound)
                            : !next.toInstant().isBefore(bound))) {
                break;
            }
            times.add(next.toInstant());
        }
        return times;
    }

    private static List<Instant> limit(List<Instant> times) {
        return times.size() <= SKIPPED_RECORD_LIMIT
                ? List.copyOf(times)
                : List.copyOf(times.subList(0, SKIPPED_RECORD_LIMIT));
    }

    public static int max(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX;
        }
        try {
            int max = Integer.parseInt(value.strip());
            if (max < 1 || max > MAX_LIMIT) {
                throw new NumberFormatException();
            }
            return max;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    MAX + " must be a whole number from 1 to " + MAX_LIMIT + ", was '" + value + "'");
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

package io.chronoflow.engine.fires;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;

/**
 * The fire times one start timer makes, as the engine makes them: each next one from the timer's cycle with the
 * engine's own calendar (cron with its time zone, or an ISO-8601 repeating interval).
 *
 * <p>One quirk of the engine is followed: for a cycle written without a start ({@code R/PT10S}) the engine stores its
 * creation time, cut to the second, as the start ({@code R/2026-11-26T13:24:20/PT10S}) but fires first at the exact
 * creation time plus one period (13:24:30.145), then on the grid from that start (13:24:40, …). So neither the start nor
 * the first grid point is a fire time; the first fire is the one the timer was created with.
 */
final class ExpectedFires {

    private ExpectedFires() {}

    /**
     * Fire times in {@code (from, until]}, oldest first, at most {@code max}.
     *
     * @param repeat the timer's cycle as the engine keeps it; null for a one-off timer.
     * @param pendingDue the due time of the timer as it is now (the next fire the engine will make).
     * @param startInserted the model's cycle has no start of its own: the engine put the timer's creation time there.
     */
    static List<Instant> of(
            String repeat,
            Instant pendingDue,
            boolean startInserted,
            Instant from,
            Instant until,
            BusinessCalendar calendar,
            int max) {
        List<Instant> fires = new ArrayList<>();
        if (repeat == null) {
            if (pendingDue != null && within(pendingDue, from, until)) {
                fires.add(pendingDue);
            }
            return fires;
        }
        FirstFire first = startInserted ? FirstFire.of(repeat) : null;
        Date next = Date.from(from);
        while (fires.size() < max) {
            next = calendar.resolveDuedate(repeat, next);
            if (next == null || next.toInstant().isAfter(until)) {
                break;
            }
            if (first == null || !first.replaces(next.toInstant())) {
                fires.add(next.toInstant());
            }
        }
        if (first != null && pendingDue != null && first.isFirst(pendingDue) && within(pendingDue, from, until)) {
            fires.add(pendingDue); // the first fire, still to run (or late)
            fires.sort(null);
        }
        return fires.size() > max ? fires.subList(0, max) : fires;
    }

    private static boolean within(Instant time, Instant from, Instant until) {
        return time.isAfter(from) && !time.isAfter(until);
    }

    /** The start the engine inserted and its period: the grid points the first fire stands in for. */
    private record FirstFire(Instant start, Duration period) {

        static FirstFire of(String repeat) {
            String[] parts = repeat.split("/");
            if (parts.length != 3) {
                return null;
            }
            try {
                // Written by the engine with the JVM's zone, to the second (TimerEntity.replaceRepeatCycleAndDate).
                Instant start = LocalDateTime.parse(parts[1])
                        .atZone(ZoneId.systemDefault())
                        .toInstant();
                return new FirstFire(start, Duration.parse(parts[2]));
            } catch (DateTimeParseException e) {
                return null; // a start with a zone, or a period in months or years: nothing was inserted, or no grid
            }
        }

        /** The inserted start and the first grid point are no fire times of their own. */
        boolean replaces(Instant gridPoint) {
            return gridPoint.equals(start) || gridPoint.equals(start.plus(period));
        }

        /** A timer due within the second after the first grid point is the first fire. */
        boolean isFirst(Instant due) {
            Instant firstGridPoint = start.plus(period);
            return !due.isBefore(firstGridPoint) && due.isBefore(firstGridPoint.plusSeconds(1));
        }
    }
}

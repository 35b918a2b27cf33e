package io.chronoflow.engine.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationHelper;

/**
 * The next fire times of a cycle, computed with the engine's own calendar so that they are the times the engine will
 * use: the first is the due date of the job's pending timer, each next one follows from the previous (on the wall
 * clock of the job's time zone, for cron jobs that have one).
 */
final class NextFires {

    private NextFires() {}

    static List<Instant> after(Schedule schedule, Instant firstDue, int count, ZoneId zone) {
        List<Instant> fires = new ArrayList<>();
        if (firstDue == null) {
            return fires;
        }
        fires.add(firstDue);
        if (!"cycle".equals(schedule.type())
                || schedule.expression() == null
                || schedule.expression().contains("$")) {
            return fires;
        }
        try {
            if (schedule.isCron() && zone != null) {
                ZonedCron cron = ZonedCron.of(schedule.expression(), zone);
                Instant next = firstDue;
                while (fires.size() < count) {
                    java.util.Optional<Instant> following = cron.next(next);
                    if (following.isEmpty()) {
                        break;
                    }
                    next = following.get();
                    fires.add(next);
                }
            } else if (schedule.isCron()) {
                CycleBusinessCalendar calendar = new CycleBusinessCalendar();
                Date next = Date.from(firstDue);
                while (fires.size() < count) {
                    next = calendar.resolveDuedate(schedule.expression(), next);
                    if (next == null) {
                        break;
                    }
                    fires.add(next.toInstant());
                }
            } else {
                DurationHelper cycle = new DurationHelper(schedule.expression(), Date.from(firstDue));
                int left = cycle.getTimes() > 0 ? cycle.getTimes() : Integer.MAX_VALUE;
                Duration period = period(schedule.expression());
                Instant next = firstDue;
                while (fires.size() < count && fires.size() < left && period != null) {
                    next = next.plus(period);
                    fires.add(next);
                }
            }
        } catch (Exception unparseable) {
            // the engine accepted it; if we cannot follow it, show the one fire we know
        }
        return fires;
    }

    /**
     * The period of an ISO-8601 repeating interval {@code R[n]/[start/]PnDTnHnMnS}, or null when it is not a fixed
     * duration (months, years, weeks).
     */
    static Duration period(String cycle) {
        String[] parts = cycle.split("/");
        try {
            return Duration.parse(parts[parts.length - 1]);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

package io.chronoflow.engine.scheduling;

import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's calendar for timer cycles, extended with time zones. A cycle written {@code TZ=<zone id> <cron>} (as
 * {@link TimeZonedTimers} rewrites the timers of jobs with {@code chronoflow.timezone}) is evaluated with
 * {@link ZonedCron} on that zone's wall clock; any other cycle is the engine's own business.
 */
public class ZonedCycleCalendar extends CycleBusinessCalendar {

    static final String PREFIX = "TZ=";

    @Override
    public Date resolveDuedate(String description, Date startDate, long repeatOffset) {
        if (description != null && description.startsWith(PREFIX)) {
            Date after = startDate != null ? startDate : ClockUtil.getCurrentTime();
            return zoned(description).next(after.toInstant()).map(Date::from).orElse(null);
        }
        return super.resolveDuedate(description, startDate, repeatOffset);
    }

    /** Parses {@code TZ=<zone> <cron>}. */
    static ZonedCron zoned(String description) {
        int space = description.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("'" + description + "' has a time zone but no cron expression");
        }
        ZoneId zone = ZoneId.of(description.substring(PREFIX.length(), space));
        return ZonedCron.of(description.substring(space + 1), zone);
    }

    static String describe(ZoneId zone, String cron) {
        return PREFIX + zone.getId() + " " + cron;
    }
}

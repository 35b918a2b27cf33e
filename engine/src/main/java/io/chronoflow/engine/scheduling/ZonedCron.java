package io.chronoflow.engine.scheduling;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A Quartz-style cron expression evaluated on the wall clock of a time zone. Every local time that matches fires once:
 * a local time that a spring-forward change skips fires at the shifted time (02:30 becomes 03:30), and a local time that
 * a fall-back change repeats fires at its first occurrence only. So a daily 02:30 job runs exactly once on both change
 * days.
 */
public final class ZonedCron {

    private static final CronParser QUARTZ =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime schedule;

    private ZonedCron(String expression, ZoneId zone, ExecutionTime schedule) {
        this.expression = expression;
        this.zone = zone;
        this.schedule = schedule;
    }

    /**
     * @throws IllegalArgumentException naming the expression when it is not a valid Quartz cron expression.
     */
    public static ZonedCron of(String expression, ZoneId zone) {
        try {
            return new ZonedCron(expression, zone, ExecutionTime.forCron(QUARTZ.parse(expression.strip())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'" + expression + "' is not a valid cron expression (second minute hour day-of-month month"
                            + " day-of-week [year]): " + e.getMessage());
        }
    }

    /** The first fire strictly after {@code after}, or empty when the expression has no more. */
    public Optional<Instant> next(Instant after) {
        LocalDateTime wall = LocalDateTime.ofInstant(after, zone);
        for (int guard = 0; guard < 4; guard++) {
            // Search on the wall clock (a zone without changes), then place the wall time in the real zone.
            Optional<ZonedDateTime> nextWall = schedule.nextExecution(wall.atZone(ZoneOffset.UTC));
            if (nextWall.isEmpty()) {
                return Optional.empty();
            }
            wall = nextWall.get().toLocalDateTime();
            Instant fire = ZonedDateTime.ofLocal(wall, zone, null).toInstant();
            if (fire.isAfter(after)) {
                return Optional.of(fire);
            }
        }
        return Optional.empty();
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }
}

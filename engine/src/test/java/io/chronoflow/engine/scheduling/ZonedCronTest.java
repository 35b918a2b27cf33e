package io.chronoflow.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZonedCronTest {

    private static List<ZonedDateTime> fires(String cron, String zone, String fromLocal, int count) {
        ZoneId z = ZoneId.of(zone);
        ZonedCron c = ZonedCron.of(cron, z);
        Instant at =
                ZonedDateTime.of(java.time.LocalDateTime.parse(fromLocal), z).toInstant();
        List<ZonedDateTime> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            at = c.next(at).orElseThrow();
            out.add(at.atZone(z));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({
        // zone, a noon before the change, the change day, the local time of that day's fire
        "Europe/Berlin, 2026-03-28T12:00, 2026-03-29, 03:30", // spring forward: 02:30 does not exist, shifted
        "America/New_York, 2026-03-07T12:00, 2026-03-08, 03:30",
        "Europe/Berlin, 2026-10-24T12:00, 2026-10-25, 02:30", // fall back: 02:30 happens twice, fires once
        "America/New_York, 2026-10-31T12:00, 2026-11-01, 02:30",
    })
    void aDaily0230JobRunsExactlyOnceOnEachDaylightSavingChangeDay(
            String zone, String from, String changeDay, String fireTime) {
        List<ZonedDateTime> fires = fires("0 30 2 * * ?", zone, from, 3);

        assertThat(fires)
                .extracting(ZonedDateTime::toLocalDate)
                .containsExactly(
                        LocalDate.parse(changeDay),
                        LocalDate.parse(changeDay).plusDays(1),
                        LocalDate.parse(changeDay).plusDays(2));
        assertThat(fires.get(0).toLocalTime()).hasToString(fireTime);
        assertThat(fires.get(1).toLocalTime()).hasToString("02:30");
        assertThat(fires.get(2).toLocalTime()).hasToString("02:30");
    }

    @Test
    void anHourlyJobFiresOncePerWallClockHourAcrossFallBack() {
        List<ZonedDateTime> fires = fires("0 30 * * * ?", "Europe/Berlin", "2026-10-25T00:45", 3);

        assertThat(fires).extracting(f -> f.toLocalTime().toString()).containsExactly("01:30", "02:30", "03:30");
        assertThat(fires.get(1).getOffset().getTotalSeconds()).isEqualTo(7200); // the first 02:30, summer time
    }

    @Test
    void theCalendarEvaluatesZonedCyclesAndLeavesOthersToTheEngine() {
        ZonedCycleCalendar calendar = new ZonedCycleCalendar();
        Date start = Date.from(Instant.parse("2026-06-01T00:00:00Z"));

        Date zoned = calendar.resolveDuedate("TZ=America/New_York 0 0 9 * * ?", start);
        Date iso = calendar.resolveDuedate("R/PT10S", start);

        assertThat(zoned.toInstant()).isEqualTo(Instant.parse("2026-06-01T13:00:00Z")); // 09:00 EDT
        assertThat(iso).isNotNull();
    }

    @Test
    void invalidCronIsRefusedNamingTheExpression() {
        assertThatThrownBy(() -> ZonedCron.of("0 61 * * * ?", ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0 61 * * * ?' is not a valid cron expression");
    }
}

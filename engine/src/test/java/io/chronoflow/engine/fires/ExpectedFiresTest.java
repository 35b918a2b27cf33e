package io.chronoflow.engine.fires;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.junit.jupiter.api.Test;

class ExpectedFiresTest {

    private static final CycleBusinessCalendar CALENDAR = new CycleBusinessCalendar();

    private static Instant at(String utc) {
        return Instant.parse("2026-11-26T" + utc + "Z");
    }

    /** The start as the engine writes it: local time of the JVM's zone, to the second. */
    private static String engineStart(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneId.systemDefault()).toString();
    }

    @Test
    void aCronCycleFiresOnItsGridAfterFrom() {
        List<Instant> fires =
                ExpectedFires.of("0 * * * * ?", at("10:03:00"), false, at("10:00:00"), at("10:02:30"), CALENDAR, 100);

        assertThat(fires).containsExactly(at("10:01:00"), at("10:02:00"));
    }

    @Test
    void aCycleWithItsOwnStartFiresFromThatStart() {
        String repeat = "R/" + engineStart(at("10:00:00")) + "/PT10S";

        List<Instant> fires =
                ExpectedFires.of(repeat, at("10:00:00"), false, at("09:59:59"), at("10:00:25"), CALENDAR, 100);

        assertThat(fires).containsExactly(at("10:00:00"), at("10:00:10"), at("10:00:20"));
    }

    @Test
    void aCycleWithoutAStartFiresFirstAtItsCreationPlusOnePeriodThenOnTheGrid() {
        // Created at 10:00:00.145: the engine stored the start 10:00:00 and set the first fire to 10:00:10.145.
        String repeat = "R/" + engineStart(at("10:00:00")) + "/PT10S";

        List<Instant> beforeTheFirstFire =
                ExpectedFires.of(repeat, at("10:00:10.145"), true, at("09:59:59"), at("10:00:25"), CALENDAR, 100);
        List<Instant> afterIt =
                ExpectedFires.of(repeat, at("10:00:30"), true, at("09:59:59"), at("10:00:25"), CALENDAR, 100);

        assertThat(beforeTheFirstFire).containsExactly(at("10:00:10.145"), at("10:00:20"));
        assertThat(afterIt).as("the first fire happened and is in the ledger").containsExactly(at("10:00:20"));
    }

    @Test
    void aOneOffTimerFiresAtItsDueTimeOnly() {
        assertThat(ExpectedFires.of(null, at("10:00:05"), false, at("10:00:00"), at("10:01:00"), CALENDAR, 100))
                .containsExactly(at("10:00:05"));
        assertThat(ExpectedFires.of(null, at("10:02:00"), false, at("10:00:00"), at("10:01:00"), CALENDAR, 100))
                .isEmpty();
    }

    @Test
    void atMostMaxFires() {
        assertThat(ExpectedFires.of("* * * * * ?", null, false, at("10:00:00"), at("11:00:00"), CALENDAR, 5))
                .hasSize(5)
                .startsWith(at("10:00:01"));
    }
}

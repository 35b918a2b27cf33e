package io.chronoflow.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MisfireTest {

    private static final String EVERY_MINUTE = "TZ=UTC 0 * * * * ?";
    private static final Instant DUE = Instant.parse("2026-11-26T10:00:00Z");
    private final ZonedCycleCalendar calendar = new ZonedCycleCalendar();

    private int runsToStart(
            Map<String, String> options, String repeat, Instant due, Instant now, Instant next, ZonedCycleCalendar c) {
        return Misfire.plan(options, repeat, due, now, next, c).run().size();
    }

    private int runs(Map<String, String> options, String now) {
        return runsToStart(options, EVERY_MINUTE, DUE, Instant.parse(now), null, calendar);
    }

    @ParameterizedTest
    @CsvSource({
        // policy, max, now, runs
        "'', '', 2026-11-26T10:00:20Z, 1", // on time: every policy fires once
        "skip, '', 2026-11-26T10:00:20Z, 1",
        "catch-up, '', 2026-11-26T10:00:20Z, 1",
        "'', '', 2026-11-26T10:05:30Z, 1", // five minutes late: fire-once is the default
        "fire-once, '', 2026-11-26T10:05:30Z, 1",
        "skip, '', 2026-11-26T10:05:30Z, 0",
        "catch-up, '', 2026-11-26T10:05:30Z, 6", // 10:00, 10:01 … 10:05
        "catch-up, 3, 2026-11-26T10:05:30Z, 3",
    })
    void runsToStartFollowThePolicy(String policy, String max, String now, int expected) {
        Map<String, String> options = new java.util.HashMap<>();
        if (!policy.isEmpty()) {
            options.put(Misfire.PROPERTY, policy);
        }
        if (!max.isEmpty()) {
            options.put(Misfire.MAX, max);
        }

        assertThat(runs(options, now)).isEqualTo(expected);
    }

    @Test
    void aCatchUpStopsAtTheFireTimeTheEngineScheduledNext() {
        Map<String, String> catchUp = Map.of(Misfire.PROPERTY, "catch-up", Misfire.MAX, "100");
        // The engine computed the next fire time just before 10:05 and scheduled 10:05; the run starts at 10:05:00.2.
        Instant now = Instant.parse("2026-11-26T10:05:00.200Z");
        assertThat(runsToStart(catchUp, EVERY_MINUTE, DUE, now, Instant.parse("2026-11-26T10:05:00Z"), calendar))
                .as("10:00 … 10:04; 10:05 fires on its own")
                .isEqualTo(5);
        assertThat(runsToStart(catchUp, EVERY_MINUTE, DUE, now, null, calendar))
                .as("without it, 10:05 counts as missed too")
                .isEqualTo(6);
    }

    @ParameterizedTest
    @CsvSource({
        // policy, max, runs, skipped, reason: a fire five minutes late; the engine scheduled 10:06 next
        "fire-once, '', 10:00, 10:01 10:02 10:03 10:04 10:05, misfire-fire-once",
        "skip, '', '', 10:00 10:01 10:02 10:03 10:04 10:05, misfire-skip",
        "catch-up, '', 10:00 10:01 10:02 10:03 10:04 10:05, '', misfire-catch-up-max",
        "catch-up, 2, 10:00 10:01, 10:02 10:03 10:04 10:05, misfire-catch-up-max",
    })
    void thePlanNamesEveryFireTimeTheFireStandsFor(
            String policy, String max, String runs, String skipped, String reason) {
        Map<String, String> options = new java.util.HashMap<>(Map.of(Misfire.PROPERTY, policy));
        if (!max.isEmpty()) {
            options.put(Misfire.MAX, max);
        }
        Misfire.Plan plan = Misfire.plan(
                options,
                EVERY_MINUTE,
                DUE,
                Instant.parse("2026-11-26T10:05:30Z"),
                Instant.parse("2026-11-26T10:06:00Z"),
                calendar);

        assertThat(plan.run()).isEqualTo(times(runs));
        assertThat(plan.skipped()).isEqualTo(times(skipped));
        assertThat(plan.skipReason()).isEqualTo(reason);
    }

    @Test
    void aFireLateByLessThanTheThresholdRunsOnceAndSkipsWhatTheEngineSkipped() {
        // 20 s late on a 10 s cycle: the engine scheduled 10:00:30 next, so 10:00:10 and 10:00:20 start no run.
        Misfire.Plan plan = Misfire.plan(
                Map.of(Misfire.PROPERTY, "catch-up"),
                "TZ=UTC 0/10 * * * * ?",
                DUE,
                Instant.parse("2026-11-26T10:00:20.300Z"),
                Instant.parse("2026-11-26T10:00:30Z"),
                calendar);

        assertThat(plan.run()).containsExactly(DUE);
        assertThat(plan.skipped())
                .containsExactly(Instant.parse("2026-11-26T10:00:10Z"), Instant.parse("2026-11-26T10:00:20Z"));
        assertThat(plan.skipReason()).isEqualTo("under-misfire-threshold");
    }

    @Test
    void anOnTimeFireStandsForItselfOnly() {
        Misfire.Plan plan = Misfire.plan(
                Map.of(), EVERY_MINUTE, DUE, DUE.plusMillis(15), Instant.parse("2026-11-26T10:01:00Z"), calendar);

        assertThat(plan.run()).containsExactly(DUE);
        assertThat(plan.skipped()).isEmpty();
    }

    private static java.util.List<Instant> times(String minutes) {
        return java.util.Arrays.stream(minutes.split(" "))
                .filter(m -> !m.isBlank())
                .map(m -> Instant.parse("2026-11-26T" + m + ":00Z"))
                .toList();
    }

    @Test
    void theThresholdDecidesWhatCountsAsLate() {
        assertThat(runs(Map.of(Misfire.PROPERTY, "skip", Misfire.THRESHOLD, "PT10M"), "2026-11-26T10:05:30Z"))
                .isEqualTo(1);
        assertThat(runs(Map.of(Misfire.PROPERTY, "skip", Misfire.THRESHOLD, "PT5S"), "2026-11-26T10:00:20Z"))
                .isZero();
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> Misfire.of("sometimes"))
                .hasMessageContaining("chronoflow.misfire 'sometimes' is unknown")
                .hasMessageContaining("catch-up");
        assertThatThrownBy(() -> Misfire.max("0")).hasMessageContaining("chronoflow.misfire.max must be");
        assertThatThrownBy(() -> Misfire.duration("1 minute", null))
                .hasMessageContaining("chronoflow.misfire.threshold '1 minute'");
    }
}

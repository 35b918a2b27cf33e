package io.chronoflow.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration MONTH = Duration.ofDays(31);

    @Test
    void defaultsToTheSpanBeforeNow() {
        assertThat(TimeRange.parse(null, null, CLOCK, DAY, MONTH)).isEqualTo(new TimeRange(NOW.minus(DAY), NOW));
        assertThat(TimeRange.parse(null, "2026-11-20T00:00:00Z", CLOCK, DAY, MONTH)
                        .from())
                .isEqualTo(Instant.parse("2026-11-19T00:00:00Z"));
    }

    @Test
    void aSpanOfExactlyTheMaximumIsAllowed() {
        assertThat(TimeRange.parse("2026-10-26T12:00:00Z", null, CLOCK, DAY, MONTH)
                        .from())
                .isEqualTo(Instant.parse("2026-10-26T12:00:00Z"));
    }

    @Test
    void badRangesAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> TimeRange.parse("2026-11-27T00:00:00Z", null, CLOCK, DAY, MONTH))
                .hasMessageContaining("parameter 'from'")
                .hasMessageContaining("after 'to'");
        assertThatThrownBy(() -> TimeRange.parse("2026-10-26T11:59:59Z", null, CLOCK, DAY, MONTH))
                .hasMessageContaining("at most 31 days");
        assertThatThrownBy(() -> TimeRange.parse("last week", null, CLOCK, DAY, MONTH))
                .hasMessageContaining("parameter 'from' must be an ISO-8601 instant");
        assertThatThrownBy(() -> TimeRange.parse(null, "2026-11-31T00:00:00Z", CLOCK, DAY, MONTH))
                .hasMessageContaining("parameter 'to' must be an ISO-8601 instant");
    }

    @Test
    void withoutAMaximumAnySpanIsAllowed() {
        assertThat(TimeRange.parse("2020-01-01T00:00:00Z", null, CLOCK, DAY, null)
                        .from())
                .isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    }
}

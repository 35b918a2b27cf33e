package io.chronoflow.engine.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A {@code from}/{@code to} pair of query parameters: ISO-8601 instants, {@code to} defaulting to now and {@code from}
 * to {@code defaultSpan} before {@code to}. Unparsable instants, {@code from} after {@code to} and spans longer than
 * allowed are refused naming the parameter (400 through {@link ApiProblems}).
 */
public record TimeRange(Instant from, Instant to) {

    public static TimeRange parse(String from, String to, Clock clock, Duration defaultSpan, Duration maxSpan) {
        Instant until = to == null ? clock.instant() : instant("to", to);
        Instant since = from == null ? until.minus(defaultSpan) : instant("from", from);
        if (since.isAfter(until)) {
            throw new IllegalArgumentException("parameter 'from' (" + since + ") is after 'to' (" + until + ")");
        }
        if (maxSpan != null && Duration.between(since, until).compareTo(maxSpan) > 0) {
            throw new IllegalArgumentException("parameters 'from' and 'to' span " + Duration.between(since, until)
                    + "; at most " + maxSpan.toDays() + " days may be asked for at once");
        }
        return new TimeRange(since, until);
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("parameter '" + name
                    + "' must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, was '" + value + "'");
        }
    }
}

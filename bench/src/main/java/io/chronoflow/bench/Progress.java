package io.chronoflow.bench;

import java.time.Duration;
import java.time.Instant;

/** One line per step on standard error, with the time since the run began, so a long run shows where it is. */
final class Progress {

    private final Instant began = Instant.now();

    void say(String format, Object... args) {
        long s = Duration.between(began, Instant.now()).toSeconds();
        System.err.printf("[%02d:%02d] %s%n", s / 60, s % 60, String.format(format, args));
    }
}

package io.chronoflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lags of an in-process system's fires, by run: its job code records each fire as it starts. Timer ids are
 * {@code <run>:<n>}.
 */
final class LagRecorder {

    private final Map<String, List<Long>> lags = new ConcurrentHashMap<>();

    static String timerId(String run, int n) {
        return run + ":" + n;
    }

    static String runOf(String timerId) {
        return timerId.substring(0, timerId.lastIndexOf(':'));
    }

    void record(String timerId, Instant due, Instant fired) {
        lags.computeIfAbsent(runOf(timerId), r -> Collections.synchronizedList(new ArrayList<>()))
                .add(Math.max(0, Duration.between(due, fired).toMillis()));
    }

    List<Long> lags(String run) {
        List<Long> recorded = lags.getOrDefault(run, List.of());
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }
}

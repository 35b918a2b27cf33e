package io.chronoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A set of jobs that fire on the same whole seconds, each run waiting at an external task of {@code demo.report}, and
 * the check that every fire time got exactly one run. With {@code chronoflow.misfire=catch-up} and a threshold of half
 * the period, a fire that comes late also runs every fire time it missed, so after any outage:
 *
 * <ul>
 *   <li>no fire time is lost: every fire time until shortly before the pause has its run (a fire the pause overtakes
 *       is dropped, as pausing says);
 *   <li>none runs twice: there are no more runs than fire times before the one the paused timer waits at, and the
 *       i-th run (by start) did not start before the i-th fire time — a doubled fire would pull a later run ahead of
 *       its time.
 * </ul>
 */
final class EverySecondJobs {

    static final Duration PERIOD = Duration.ofSeconds(1);
    private static final DateTimeFormatter ENGINE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** A fire due this long before the pause has had time to run, however loaded the machine. */
    private static final Duration SETTLED = Duration.ofSeconds(5);

    private final List<String> keys = new ArrayList<>();
    private Instant first;
    private Instant pausing;

    EverySecondJobs(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            keys.add(prefix + "-" + i);
        }
    }

    /** Deploys the jobs, their first fire a few seconds ahead; returns that first fire time. */
    Instant deploy(EngineHttp admin) {
        first = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> catchUp = Map.of(
                "chronoflow.misfire", "catch-up",
                "chronoflow.misfire.threshold", "PT0.5S",
                "chronoflow.misfire.max", "1000");
        for (String key : keys) {
            ProcessTest.deploy(
                    admin, key, Models.timerTaskProcess(key, "R/" + first + "/" + PERIOD, "demo.report", catchUp));
        }
        return first;
    }

    /** Pauses every job and waits until all their runs have ended. */
    void pauseAndDrain(EngineHttp admin) {
        pausing = Instant.now();
        for (String key : keys) {
            assertThat(admin.postJson("/api/v1/jobs/" + key + "/pause", "").statusCode())
                    .isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> keys.stream().allMatch(key -> unfinished(admin, key) == 0));
    }

    /** Asserts that every fire time of every job had exactly one run, completed; returns the fire times and lags. */
    Fires assertEachFireTimeRanOnce(EngineHttp admin) {
        List<Long> lags = new ArrayList<>();
        long settled = Duration.between(first, pausing.minus(SETTLED)).dividedBy(PERIOD) + 1;
        for (String key : keys) {
            // The paused job's timer waits at its next fire time: no fire time from it on has run.
            Instant next = engineTime(EngineHttp.json(admin.get("/engine-rest/job?processDefinitionKey=" + key))
                    .get(0)
                    .get("dueDate"));
            long scheduled = Duration.between(first, next).dividedBy(PERIOD);
            List<Instant> starts = runStarts(admin, key);
            assertThat((long) starts.size())
                    .as("runs of %s: every fire time until %s, none after %s", key, pausing.minus(SETTLED), next)
                    .isBetween(settled, scheduled);
            for (int i = 0; i < starts.size(); i++) {
                Instant due = first.plus(PERIOD.multipliedBy(i));
                assertThat(starts.get(i))
                        .as("run %d of %s started at or after fire time %s (a doubled fire runs ahead)", i, key, due)
                        .isAfterOrEqualTo(due);
                lags.add(Duration.between(due, starts.get(i)).toMillis());
            }
        }
        Collections.sort(lags);
        return new Fires(lags);
    }

    /** Lags of all fires in milliseconds (run start − fire time), sorted. */
    record Fires(List<Long> lags) {

        int count() {
            return lags.size();
        }

        long percentile(int p) {
            return lags.get(Math.min(lags.size() - 1, (int) Math.ceil(p / 100.0 * lags.size()) - 1));
        }

        long max() {
            return lags.get(lags.size() - 1);
        }

        long lateBy(long millis) {
            return lags.stream().filter(lag -> lag > millis).count();
        }

        @Override
        public String toString() {
            return "%d fire times, each run once; timer lag p50 %d ms, p99 %d ms, largest %d ms; %d more than 1 s late"
                    .formatted(count(), percentile(50), percentile(99), max(), lateBy(1000));
        }
    }

    private static List<Instant> runStarts(EngineHttp admin, String key) {
        JsonNode runs = EngineHttp.json(admin.get("/engine-rest/history/process-instance?processDefinitionKey=" + key
                + "&sortBy=startTime&sortOrder=asc&maxResults=100000"));
        List<Instant> starts = new ArrayList<>();
        runs.forEach(run -> {
            assertThat(run.get("state").asText()).as("run %s", run.get("id")).isEqualTo("COMPLETED");
            starts.add(engineTime(run.get("startTime")));
        });
        return starts;
    }

    private static long unfinished(EngineHttp admin, String key) {
        return EngineHttp.json(admin.get(
                        "/engine-rest/history/process-instance/count?unfinished=true&processDefinitionKey=" + key))
                .get("count")
                .asLong();
    }

    private static Instant engineTime(JsonNode value) {
        return OffsetDateTime.parse(value.asText(), ENGINE_TIME).toInstant();
    }
}

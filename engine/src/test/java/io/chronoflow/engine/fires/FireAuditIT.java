package io.chronoflow.engine.fires;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.scheduling.Misfire;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The fire ledger on PostgreSQL: each way a fire can go is classified as named, with the engine's clock taken in hand
 * by moving a job's pending timer (as after downtime) and by running reconciliation as of a chosen instant; a second
 * run of a fire is refused at the database; the API reads the ledger and refuses bad ranges.
 */
class FireAuditIT extends EngineIntegrationTest {

    @Autowired
    ManagementService managementService;

    @Autowired
    HistoryService historyService;

    @Autowired
    FireReconciliation reconciliation;

    private final List<String> jobs = new ArrayList<>();

    @AfterEach
    void pauseJobs() {
        jobs.forEach(key -> asAdmin().postJson("/api/v1/jobs/" + key + "/pause", ""));
    }

    private void deployJob(String key, byte[] model) {
        jobs.add(key);
        deploy(key, model);
    }

    private Job timer(String key) {
        return managementService
                .createJobQuery()
                .processDefinitionKey(key)
                .timers()
                .singleResult();
    }

    /** The job's fires in the ledger, oldest first. */
    private List<JsonNode> fires(String key) {
        Instant now = Instant.now();
        HttpResponse<String> response = asRole("viewer")
                .get("/api/v1/jobs/" + key + "/fires?from=" + now.minus(Duration.ofDays(1)) + "&to="
                        + now.plus(Duration.ofDays(1)) + "&size=1000");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> fires = new ArrayList<>();
        EngineHttp.json(response).get("items").forEach(fires::add);
        java.util.Collections.reverse(fires);
        return fires;
    }

    private Set<String> runIds(String key) {
        return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(key).list().stream()
                .map(run -> run.getId())
                .collect(Collectors.toSet());
    }

    @Test
    void aFireThatRunsAtItsTimeIsOnTimeWithItsRun() {
        String key = "it-fire-on-time";
        Instant due = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        deployJob(key, Models.timerProcess(key, "R/" + due + "/PT1H"));

        await().atMost(Duration.ofSeconds(20)).until(() -> !fires(key).isEmpty());

        JsonNode fire = fires(key).get(0);
        assertThat(Instant.parse(fire.get("due").asText())).isEqualTo(due);
        assertThat(fire.get("status").asText()).isEqualTo("on-time");
        assertThat(fire.get("lagMillis").asLong()).isBetween(0L, 1000L);
        assertThat(runIds(key)).containsExactly(fire.get("runId").asText());
    }

    @Test
    void aCycleWithoutAStartOfItsOwnHasNoMissedFiresBeforeItsFirst() {
        // R/PT2S: the engine fires first at its creation time plus 2 s, off the grid it keeps from then on.
        String key = "it-fire-cycle-without-start";
        deployJob(key, Models.timerProcess(key, "R/PT2S"));
        await().atMost(Duration.ofSeconds(20)).until(() -> fires(key).size() >= 3);
        List<JsonNode> fires = fires(key);
        Instant lastRecorded =
                Instant.parse(fires.get(fires.size() - 1).get("due").asText());

        Map<FireStatus, Integer> classified =
                reconciliation.reconcile(lastRecorded.plus(Duration.ofSeconds(30)), key::equals);

        assertThat(classified).isEmpty();
        assertThat(fires(key))
                .allSatisfy(f -> assertThat(f.get("status").asText()).isIn("on-time", "late"));
    }

    @Test
    void aFireThatRunsAfterTheThresholdIsLate() {
        String key = "it-fire-late";
        deployJob(key, Models.timerProcess(key, "0 0 * * * ?"));
        Instant due = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);

        managementService.setJobDuedate(timer(key).getId(), Date.from(due));

        await().atMost(Duration.ofSeconds(20)).until(() -> !fires(key).isEmpty());
        JsonNode fire = fires(key).get(0);
        assertThat(Instant.parse(fire.get("due").asText())).isEqualTo(due);
        assertThat(fire.get("status").asText()).isEqualTo("late");
        assertThat(fire.get("lagMillis").asLong()).isGreaterThanOrEqualTo(5000L);
        assertThat(runIds(key)).containsExactly(fire.get("runId").asText());
    }

    @Test
    void fireTimesThatNeverRunAreMissedOnceTheGracePeriodIsOver() {
        String key = "it-fire-missed";
        deployJob(key, Models.timerProcess(key, "0 * * * * ?"));
        Instant nextFire = timer(key).getDuedate().toInstant();
        // The timer is lost for a day, as if the engine had skipped ahead: the next fire times do not run.
        managementService.setJobDuedate(
                timer(key).getId(), Date.from(Instant.now().plus(Duration.ofDays(1))));
        Instant later = nextFire.plus(Duration.ofMinutes(2)).plusSeconds(31);

        Map<FireStatus, Integer> classified = reconciliation.reconcile(later, key::equals);

        assertThat(classified).containsEntry(FireStatus.MISSED, 3);
        List<JsonNode> fires = fires(key);
        assertThat(fires)
                .extracting(f -> Instant.parse(f.get("due").asText()))
                .containsExactly(nextFire, nextFire.plusSeconds(60), nextFire.plusSeconds(120));
        assertThat(fires).allSatisfy(f -> {
            assertThat(f.get("status").asText()).isEqualTo("missed");
            assertThat(f.has("runId")).isFalse();
        });
        // A second pass over the same time classifies nothing again.
        assertThat(reconciliation.reconcile(later, key::equals)).isEmpty();
        HttpResponse<String> missed =
                asRole("viewer").get("/api/v1/fires?status=missed&from=" + nextFire.minusSeconds(1) + "&to=" + later);
        assertThat(EngineHttp.json(missed).get("items").findValuesAsText("jobKey"))
                .contains(key);
    }

    @Test
    void fireTimesWhileTheJobIsPausedArePaused() {
        String key = "it-fire-paused";
        deployJob(key, Models.timerProcess(key, "0 * * * * ?"));
        Instant nextFire = timer(key).getDuedate().toInstant();
        assertThat(asRole("operator")
                        .postJson("/api/v1/jobs/" + key + "/pause", "")
                        .statusCode())
                .isEqualTo(200);

        Map<FireStatus, Integer> classified =
                reconciliation.reconcile(nextFire.plus(Duration.ofMinutes(1)).plusSeconds(31), key::equals);

        assertThat(classified).containsOnlyKeys(FireStatus.PAUSED).containsEntry(FireStatus.PAUSED, 2);
        assertThat(fires(key)).extracting(f -> f.get("status").asText()).containsExactly("paused", "paused");
        assertThat(runIds(key)).isEmpty();
    }

    /**
     * An hourly job's timer moved five hours back: the late fire and the five fire times it stands for (four hours
     * ago to the start of this hour).
     */
    @ParameterizedTest
    @CsvSource({
        "fire-once, 'late', 'skipped-by-policy:misfire-fire-once x5'",
        "skip, '', 'skipped-by-policy:misfire-skip x6'",
        "catch-up, 'late late late', 'skipped-by-policy:misfire-catch-up-max x3'",
    })
    void aFireFiveHoursLateIsRecordedAsItsMisfirePolicySays(String policy, String runs, String skipped) {
        String key = "it-fire-misfire-" + policy;
        deployJob(key, Models.timerProcess(key, "0 0 * * * ?", Map.of(Misfire.PROPERTY, policy, Misfire.MAX, "3")));
        // On the hour of the engine's zone (the tests run in one whose offset is not whole hours).
        Instant fiveHoursAgo =
                ZonedDateTime.now().truncatedTo(ChronoUnit.HOURS).minusHours(5).toInstant();

        managementService.setJobDuedate(timer(key).getId(), Date.from(fiveHoursAgo));

        await().atMost(Duration.ofSeconds(20)).until(() -> fires(key).size() == 6);
        List<JsonNode> fires = fires(key);
        assertThat(fires)
                .extracting(f -> Instant.parse(f.get("due").asText()))
                .containsExactly(
                        fiveHoursAgo,
                        fiveHoursAgo.plus(Duration.ofHours(1)),
                        fiveHoursAgo.plus(Duration.ofHours(2)),
                        fiveHoursAgo.plus(Duration.ofHours(3)),
                        fiveHoursAgo.plus(Duration.ofHours(4)),
                        fiveHoursAgo.plus(Duration.ofHours(5)));
        List<String> ran = fires.stream()
                .filter(f -> f.has("runId"))
                .map(f -> f.get("status").asText())
                .toList();
        assertThat(String.join(" ", ran)).isEqualTo(runs);
        String[] skip = skipped.split(" x");
        assertThat(fires.stream()
                        .filter(f -> !f.has("runId"))
                        .map(f ->
                                f.get("status").asText() + ":" + f.get("reason").asText()))
                .hasSize(Integer.parseInt(skip[1]))
                .containsOnly(skip[0]);
        assertThat(runIds(key))
                .containsExactlyInAnyOrderElementsOf(fires.stream()
                        .filter(f -> f.has("runId"))
                        .map(f -> f.get("runId").asText())
                        .toList());
    }

    @Test
    void aFireMeetingAnActiveRunUnderOverlapSkipIsSkippedByPolicy() {
        String key = "it-fire-overlap-skip";
        Instant first = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        deployJob(key, Models.overlappingProcess(key, "R/" + first + "/PT2S", "it-fire-nobody", "skip"));

        await().atMost(Duration.ofSeconds(20)).until(() -> fires(key).size() >= 2);

        List<JsonNode> fires = fires(key);
        assertThat(fires.get(0).get("status").asText()).isEqualTo("on-time");
        assertThat(fires.get(1).get("status").asText()).isEqualTo("skipped-by-policy");
        assertThat(fires.get(1).get("reason").asText()).isEqualTo("overlap-skip");
        assertThat(runIds(key)).containsExactly(fires.get(0).get("runId").asText());
    }

    @Test
    void aSecondRunOfTheSameFireIsRefusedAndCounted() {
        String key = "it-fire-duplicate";
        deployJob(key, Models.timerProcess(key, "0 0 * * * ?"));
        Instant due = Instant.now().minusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        managementService.setJobDuedate(timer(key).getId(), Date.from(due));
        await().atMost(Duration.ofSeconds(20)).until(() -> fires(key).size() == 1);
        String run = fires(key).get(0).get("runId").asText();

        // The same fire time comes round again (as when two timers of one job exist): its run is refused.
        managementService.setJobDuedate(timer(key).getId(), Date.from(due));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> fires(key).get(0).get("duplicatesRefused").asInt() == 1);

        assertThat(fires(key)).hasSize(1);
        assertThat(runIds(key)).containsExactly(run);
        HttpResponse<String> refused = asRole("viewer")
                .get("/api/v1/fires?status=duplicate-refused&from=" + due.minusSeconds(1) + "&to=" + Instant.now());
        assertThat(EngineHttp.json(refused).get("items").findValuesAsText("jobKey"))
                .containsExactly(key);
        assertThat(asAdmin().get("/actuator/prometheus").body())
                .containsPattern(
                        "chronoflow_fires_total\\{[^}]*job_key=\"" + key + "\",status=\"duplicate-refused\"} 1.0");
    }

    @Test
    void recordsOlderThanTheRetentionArePurged() {
        String key = "it-fire-retention";
        deployJob(key, Models.timerProcess(key, "0 0 * * * ?"));
        Instant due = Instant.now().minusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        managementService.setJobDuedate(timer(key).getId(), Date.from(due));
        await().atMost(Duration.ofSeconds(20)).until(() -> fires(key).size() == 1);

        // 31 days (the default retention) later, as seen by the leader's hourly purge (which purges every job's rows).
        reconciliation.purge(due.plus(Duration.ofDays(31)).minusSeconds(1));
        assertThat(fires(key)).as("not yet past the retention").hasSize(1);
        assertThat(reconciliation.purge(due.plus(Duration.ofDays(31)).plusSeconds(1)))
                .isGreaterThanOrEqualTo(1);
        assertThat(fires(key)).isEmpty();
    }

    @Test
    void badRangesAndStatusesAreRefusedNamingTheParameter() {
        EngineHttp viewer = asRole("viewer");
        Map<String, String> refusals = Map.of(
                "/api/v1/fires?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "'from'",
                "/api/v1/fires?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", "at most 31 days",
                "/api/v1/fires?from=yesterday", "parameter 'from' must be an ISO-8601 instant",
                "/api/v1/fires?to=2026-13-01T00:00:00Z", "parameter 'to' must be an ISO-8601 instant",
                "/api/v1/fires?status=sometimes", "parameter 'status' 'sometimes' is unknown",
                "/api/v1/jobs/it-fire-on-time/fires?size=5000", "size");
        refusals.forEach((path, detail) -> {
            HttpResponse<String> response = viewer.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(EngineHttp.json(response).get("detail").asText())
                    .as(path)
                    .contains(detail);
        });
        assertThat(viewer.get("/api/v1/jobs/no-such-job/fires").statusCode()).isEqualTo(404);
        assertThat(anonymous().get("/api/v1/fires").statusCode()).isEqualTo(401);
    }
}

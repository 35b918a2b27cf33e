package io.chronoflow.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

class JobsApiIT extends EngineIntegrationTest {

    @Autowired
    HistoryService historyService;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    ManagementService managementService;

    @Autowired
    RepositoryService repositoryService;

    private long finishedRuns(String key) {
        return historyService
                .createHistoricProcessInstanceQuery()
                .processDefinitionKey(key)
                .finished()
                .count();
    }

    @Test
    void theCatalogListsTheExampleJobWithItsScheduleAndNextFireTimes() {
        JsonNode jobs = EngineHttp.json(asAdmin().get("/api/v1/jobs")).get("jobs");
        JsonNode heartbeat = null;
        for (JsonNode job : jobs) {
            if (job.get("key").asText().equals("heartbeat-report")) {
                heartbeat = job;
            }
        }
        assertThat(heartbeat).as("heartbeat-report in %s", jobs).isNotNull();
        assertThat(heartbeat.at("/schedule/type").asText()).isEqualTo("cycle");
        assertThat(heartbeat.at("/schedule/expression").asText()).isEqualTo("R/PT10S");
        assertThat(heartbeat.get("state").asText()).isEqualTo("active");
        List<Instant> next = new ArrayList<>();
        heartbeat.get("nextFireTimes").forEach(t -> next.add(Instant.parse(t.asText())));
        assertThat(next).hasSize(5);
        for (int i = 1; i < next.size(); i++) {
            assertThat(Duration.between(next.get(i - 1), next.get(i))).isEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void cronJobsShowTheirNextFiresFromTheEngineCalendar() {
        JsonNode job = EngineHttp.json(asAdmin().get("/api/v1/jobs/sharded-sync"));

        assertThat(job.at("/schedule/expression").asText()).isEqualTo("0 * * * * ?");
        List<Instant> next = new ArrayList<>();
        job.get("nextFireTimes").forEach(t -> next.add(Instant.parse(t.asText())));
        assertThat(next).hasSize(5);
        assertThat(next).allSatisfy(t -> assertThat(t.getEpochSecond() % 60).isZero());
        for (int i = 1; i < next.size(); i++) {
            assertThat(Duration.between(next.get(i - 1), next.get(i))).isEqualTo(Duration.ofMinutes(1));
        }
    }

    @Test
    void aJobWithATimeZoneFiresOnThatZonesWallClock() {
        deploy("it-new-york", Models.timerProcess("it-new-york", "0 30 2 * * ?", "America/New_York"));

        JsonNode job = EngineHttp.json(asAdmin().get("/api/v1/jobs/it-new-york"));

        assertThat(job.get("timeZone").asText()).isEqualTo("America/New_York");
        List<Instant> next = new ArrayList<>();
        job.get("nextFireTimes").forEach(t -> next.add(Instant.parse(t.asText())));
        assertThat(next).hasSize(5);
        ZoneId newYork = ZoneId.of("America/New_York");
        assertThat(next)
                .allSatisfy(t -> assertThat(t.atZone(newYork).toLocalTime()).hasToString("02:30"));
        Date due = managementService
                .createJobQuery()
                .processDefinitionKey("it-new-york")
                .timers()
                .singleResult()
                .getDuedate();
        assertThat(due.toInstant()).as("the engine's own timer").isEqualTo(next.get(0));
        asAdmin().postJson("/api/v1/jobs/it-new-york/pause", "");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "it-bad-zone|0 30 2 * * ?|Mars/Olympus|chronoflow.timezone 'Mars/Olympus' is not a time zone id",
                "it-bad-cron|0 61 2 * * ?|Europe/Berlin|timer timeCycle '0 61 2 * * ?' cannot be evaluated",
            })
    void aBadTimeZoneOrCronIsRefusedAtDeploymentWithTheReason(String key, String cron, String zone, String reason) {
        assertRefused(key, Models.timerProcess(key, cron, zone), reason);
    }

    @Test
    void unknownOverlapOrRoutingValuesAreRefusedAtDeploymentNamingTheValidOnes() {
        assertRefused(
                "it-bad-overlap",
                Models.overlappingProcess("it-bad-overlap", "R/PT1H", "it.x", "sometimes"),
                "chronoflow.overlap 'sometimes' is unknown; use one of [allow, skip, queue, cancel-previous]");
        assertRefused(
                "it-bad-routing",
                Models.externalTaskProcess("it-bad-routing", "it.x", "fastest"),
                "chronoflow.routing 'fastest' is unknown");
    }

    private void assertRefused(String key, byte[] model, String reason) {
        long before = repositoryService.createDeploymentQuery().count();

        HttpResponse<String> refused = asAdmin()
                .postMultipart("/engine-rest/deployment/create", Map.of("deployment-name", key), key + ".bpmn", model);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(EngineHttp.json(refused).get("message").asText()).contains(reason);
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }

    @Test
    void aPausedJobDoesNotFireAndFiresAgainWhenResumed() {
        deploy("it-pausable", Models.timerProcess("it-pausable", "R/PT1S"));
        await().atMost(Duration.ofSeconds(15)).until(() -> finishedRuns("it-pausable") >= 1);

        JsonNode paused = EngineHttp.json(asAdmin().postJson("/api/v1/jobs/it-pausable/pause", ""));
        assertThat(paused.get("state").asText()).isEqualTo("paused");
        assertThat(paused.get("nextFireTimes")).isEmpty();
        long atPause = finishedRuns("it-pausable");
        // three of its one-second cycles pass without a fire
        await().during(Duration.ofMillis(3_500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> finishedRuns("it-pausable") == atPause);

        HttpResponse<String> again = asAdmin().postJson("/api/v1/jobs/it-pausable/pause", "");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(EngineHttp.json(again).get("state").asText()).isEqualTo("paused");

        JsonNode resumed = EngineHttp.json(asAdmin().postJson("/api/v1/jobs/it-pausable/resume", ""));
        assertThat(resumed.get("state").asText()).isEqualTo("active");
        await().atMost(Duration.ofSeconds(15)).until(() -> finishedRuns("it-pausable") > atPause);
        assertThat(EngineHttp.json(asAdmin().postJson("/api/v1/jobs/it-pausable/resume", ""))
                        .get("state")
                        .asText())
                .isEqualTo("active");

        // leave it paused: the shared engine keeps running for the other tests
        asAdmin().postJson("/api/v1/jobs/it-pausable/pause", "");
    }

    @Test
    void triggerStartsARunWithVariablesAndBusinessKey() {
        deploy("it-trigger", Models.externalTaskProcess("it-trigger", "it.trigger"));

        HttpResponse<String> started = asAdmin()
                .postJson(
                        "/api/v1/jobs/it-trigger/trigger",
                        Map.of(
                                "businessKey",
                                "invoice-42",
                                "variables",
                                Map.of("amount", 42, "customer", "ACME", "lines", List.of(Map.of("sku", "A-1")))));

        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        JsonNode run = EngineHttp.json(started);
        String id = run.get("id").asText();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/v1/runs/" + id);
        assertThat(run.get("businessKey").asText()).isEqualTo("invoice-42");
        assertThat(run.get("outcome").asText()).isEqualTo("running");
        Map<String, Object> variables = new java.util.HashMap<>();
        for (HistoricVariableInstance v : historyService
                .createHistoricVariableInstanceQuery()
                .processInstanceId(id)
                .list()) {
            variables.put(v.getName(), v.getValue());
        }
        assertThat(variables.get("amount")).isEqualTo(42);
        assertThat(variables.get("customer")).isEqualTo("ACME");
        assertThat(variables.get("lines").toString()).contains("A-1");

        JsonNode runs = EngineHttp.json(asAdmin().get("/api/v1/jobs/it-trigger/runs?size=5"));
        assertThat(runs.get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(runs.get("items").get(0).get("id").asText()).isEqualTo(id);

        JsonNode detail = EngineHttp.json(asAdmin().get("/api/v1/runs/" + id));
        assertThat(detail.at("/run/id").asText()).isEqualTo(id);
        List<String> timeline = new ArrayList<>();
        detail.get("activities")
                .forEach(a -> timeline.add(
                        a.get("activityId").asText() + ":" + a.get("state").asText()));
        assertThat(timeline).containsExactly("start:completed", "work:active");
    }

    @Test
    void runDetailSummarisesShards() {
        deploy("it-shard-summary", Models.shardedProcess("it-shard-summary", "it.nobody", 3));
        String id = EngineHttp.json(asAdmin().postJson("/api/v1/jobs/it-shard-summary/trigger", Map.of()))
                .get("id")
                .asText();

        JsonNode shards = EngineHttp.json(asAdmin().get("/api/v1/runs/" + id)).get("shards");

        assertThat(shards).hasSize(1);
        assertThat(shards.get(0).get("activityId").asText()).isEqualTo("shard");
        assertThat(shards.get(0).get("total").asInt()).isEqualTo(3);
        assertThat(shards.get(0).get("active").asInt()).isEqualTo(3);
    }

    @Test
    void aPausedJobCannotBeTriggered() {
        deploy("it-paused-trigger", Models.externalTaskProcess("it-paused-trigger", "it.paused"));
        asAdmin().postJson("/api/v1/jobs/it-paused-trigger/pause", "");
        long before = runs("it-paused-trigger");

        HttpResponse<String> refused = asAdmin().postJson("/api/v1/jobs/it-paused-trigger/trigger", Map.of());

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(EngineHttp.json(refused).get("detail").asText()).contains("paused");
        assertThat(runs("it-paused-trigger")).isEqualTo(before);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "GET|/api/v1/jobs/no-such-job||404|job 'no-such-job' does not exist",
                "POST|/api/v1/jobs/no-such-job/pause||404|job 'no-such-job' does not exist",
                "POST|/api/v1/jobs/no-such-job/trigger|{}|404|job 'no-such-job' does not exist",
                "GET|/api/v1/runs/no-such-run||404|run 'no-such-run' does not exist",
                "POST|/api/v1/jobs/it-bad-input/trigger|{\"variables\": |400|not valid JSON",
                "POST|/api/v1/jobs/it-bad-input/trigger|{\"variables\": \"text\"}|400|Field 'variables' has the wrong type",
                "POST|/api/v1/jobs/it-bad-input/trigger|{\"businessKey\": [1]}|400|Field 'businessKey' has the wrong type",
                "GET|/api/v1/jobs/it-bad-input/runs?size=0||400|Parameter 'size' must be greater than or equal to 1",
                "GET|/api/v1/jobs/it-bad-input/runs?size=abc||400|Parameter 'size' must be a number, was 'abc'",
            })
    void badInputIsAProblemNamingTheFieldAndChangesNothing(
            String method, String path, String body, int status, String detail) {
        deploy("it-bad-input", Models.externalTaskProcess("it-bad-input", "it.bad"));
        long before = runs("it-bad-input");

        HttpResponse<String> response =
                method.equals("GET") ? asAdmin().get(path) : asAdmin().postJson(path, body == null ? "" : body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = EngineHttp.json(response);
        assertThat(problem.get("detail").asText()).contains(detail);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
        assertThat(runs("it-bad-input")).isEqualTo(before);
    }

    private long runs(String key) {
        return runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(key)
                .count();
    }
}

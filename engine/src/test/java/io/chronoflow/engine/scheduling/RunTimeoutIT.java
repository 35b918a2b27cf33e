package io.chronoflow.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RunTimeoutIT extends EngineIntegrationTest {

    @Autowired
    RuntimeService runtimeService;

    @Test
    void aStuckRunBecomesTimedOutWithAnIncidentAndItsTaskIsNoLongerHandedOut() {
        deploy("it-timeout", Models.timeoutProcess("it-timeout", "it.stuck", "PT2S"));
        String id = EngineHttp.json(asAdmin().postJson("/api/v1/jobs/it-timeout/trigger", Map.of()))
                .get("id")
                .asText();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> runtimeService
                                .createIncidentQuery()
                                .processInstanceId(id)
                                .incidentType(RunTimeouts.INCIDENT_TYPE)
                                .count()
                        == 1);

        Incident incident =
                runtimeService.createIncidentQuery().processInstanceId(id).singleResult();
        assertThat(incident.getIncidentMessage()).contains("timed out").contains("PT2S");
        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .processInstanceId(id)
                        .singleResult()
                        .isSuspended())
                .isTrue();
        JsonNode fetched = EngineHttp.json(asAdmin()
                .postJson(
                        "/engine-rest/external-task/fetchAndLock",
                        Map.of(
                                "workerId",
                                "late-worker",
                                "maxTasks",
                                5,
                                "topics",
                                List.of(Map.of("topicName", "it.stuck", "lockDuration", 10_000)))));
        assertThat(fetched).isEmpty();
        JsonNode run = EngineHttp.json(asAdmin().get("/api/v1/runs/" + id)).get("run");
        assertThat(run.get("outcome").asText()).isEqualTo("timed-out");
        assertThat(run.get("error").asText()).contains("timed out");
    }

    @Test
    void aBadTimeoutIsRefusedAtDeployment() {
        var refused = asAdmin()
                .postMultipart(
                        "/engine-rest/deployment/create",
                        Map.of("deployment-name", "it-bad-timeout"),
                        "it-bad-timeout.bpmn",
                        Models.timeoutProcess("it-bad-timeout", "it.x", "2 hours"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(EngineHttp.json(refused).get("message").asText())
                .contains("chronoflow.timeout '2 hours' is not an ISO-8601 duration");
    }
}

package io.chronoflow.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in webhook: incident events with the job and the error, retried until the receiver takes them. */
class AlertWebhookIT extends EngineIntegrationTest {

    /** Starts a run of a fresh job and fails its external task with no retries left: an incident. */
    private void failOnce(String job, String error) {
        String topic = "it.alerts." + job;
        deploy(job, Models.externalTaskProcess(job, topic));
        asAdmin().postJson("/engine-rest/process-definition/key/" + job + "/start", Map.of());
        JsonNode locked = EngineHttp.json(asAdmin()
                .postJson(
                        "/engine-rest/external-task/fetchAndLock",
                        Map.of(
                                "workerId",
                                "it-alerts",
                                "maxTasks",
                                1,
                                "topics",
                                List.of(Map.of("topicName", topic, "lockDuration", 60_000)))));
        assertThat(locked).hasSize(1);
        assertThat(asAdmin()
                        .postJson(
                                "/engine-rest/external-task/"
                                        + locked.get(0).get("id").asText() + "/failure",
                                Map.of("workerId", "it-alerts", "errorMessage", error, "retries", 0, "retryTimeout", 0))
                        .statusCode())
                .isEqualTo(204);
    }

    private List<JsonNode> events(String job) {
        return ALERTS.attempts().stream()
                .map(EngineHttp::jsonOf)
                .filter(e -> job.equals(e.path("job").asText()))
                .toList();
    }

    @Test
    void anIncidentIsPostedWithItsJobAndError() {
        failOnce("it-alert-job", "payment service said no");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !events("it-alert-job").isEmpty());
        JsonNode event = events("it-alert-job").get(0);
        assertThat(event.get("event").asText()).isEqualTo("incident-opened");
        assertThat(event.get("incidentType").asText()).isEqualTo("failedExternalTask");
        assertThat(event.get("error").asText()).isEqualTo("payment service said no");
        assertThat(event.get("runId").asText()).isNotBlank();

        // Giving the task a retry resolves the incident.
        String task = EngineHttp.json(asAdmin()
                        .get("/engine-rest/external-task?processInstanceId="
                                + event.get("runId").asText()))
                .get(0)
                .get("id")
                .asText();
        assertThat(asAdmin()
                        .putJson("/engine-rest/external-task/" + task + "/retries", Map.of("retries", 1))
                        .statusCode())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> events("it-alert-job").stream()
                        .anyMatch(e -> "incident-resolved".equals(e.get("event").asText())));
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheEventOnTheThirdTry() {
        ALERTS.refuse("it-alert-flaky", 2);
        failOnce("it-alert-flaky", "flaky receiver");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> events("it-alert-flaky").size() >= 3);
        assertThat(events("it-alert-flaky"))
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.get("error").asText()).isEqualTo("flaky receiver"));
        assertThat(asAdmin().get("/actuator/prometheus").body()).contains("chronoflow_alerts_webhook_deliveries_total");
    }

    @Test
    void aJobFailingThreeTimesWithoutACompletedRunBetweenIsReportedAsFailing() {
        for (int i = 1; i <= 3; i++) {
            failOnce("it-alert-streak", "failure " + i);
        }

        await().atMost(Duration.ofSeconds(20))
                .until(() -> events("it-alert-streak").stream()
                        .anyMatch(e -> "job-failing".equals(e.get("event").asText())));
        JsonNode failing = events("it-alert-streak").stream()
                .filter(e -> "job-failing".equals(e.get("event").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(failing.get("failuresInARow").asInt()).isEqualTo(3);
        assertThat(failing.get("lastError").asText()).isEqualTo("failure 3");
    }
}

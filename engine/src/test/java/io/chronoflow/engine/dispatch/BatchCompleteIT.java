package io.chronoflow.engine.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code POST /api/v1/dispatch/complete}: a batch in which one task's lock ran out and another worker holds it now
 * completes the others, reports the stale one, and fails nothing; no task is completed twice.
 */
class BatchCompleteIT extends EngineIntegrationTest {

    private static final String TOPIC = "it.batch";

    @Autowired
    HistoryService historyService;

    private List<String> fetch(String workerId, int max, long lockMillis) {
        return fetch(TOPIC, workerId, max, lockMillis);
    }

    private List<String> fetch(String topic, String workerId, int max, long lockMillis) {
        JsonNode locked = EngineHttp.json(asAdmin()
                .postJson(
                        "/engine-rest/external-task/fetchAndLock",
                        Map.of(
                                "workerId",
                                workerId,
                                "maxTasks",
                                max,
                                "topics",
                                List.of(Map.of("topicName", topic, "lockDuration", lockMillis)))));
        List<String> ids = new ArrayList<>();
        locked.forEach(task -> ids.add(task.get("id").asText()));
        return ids;
    }

    private HttpResponse<String> complete(String workerId, List<String> ids) {
        return complete(asAdmin(), workerId, ids);
    }

    private static HttpResponse<String> complete(EngineHttp caller, String workerId, List<String> ids) {
        List<Map<String, Object>> tasks = ids.stream()
                .<Map<String, Object>>map(
                        id -> Map.of("id", id, "variables", Map.of("done", Map.of("value", true, "type", "Boolean"))))
                .toList();
        return caller.postJson("/api/v1/dispatch/complete", Map.of("workerId", workerId, "tasks", tasks));
    }

    @Test
    void aStaleTaskIsReportedAndTheOthersComplete() throws Exception {
        deploy("it-batch", Models.externalTaskProcess("it-batch", TOPIC));
        for (int i = 0; i < 3; i++) {
            asAdmin().postJson("/engine-rest/process-definition/key/it-batch/start", Map.of());
        }
        List<String> lockedByA = fetch("worker-a", 3, 500);
        assertThat(lockedByA).hasSize(3);
        Thread.sleep(1000); // worker A's locks run out
        List<String> lockedByB = fetch("worker-b", 1, 60_000);
        assertThat(lockedByB).hasSize(1);
        String stale = lockedByB.get(0);

        HttpResponse<String> response = complete("worker-a", lockedByA);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = EngineHttp.json(response);
        List<String> completed = new ArrayList<>();
        result.get("completed").forEach(id -> completed.add(id.asText()));
        assertThat(completed)
                .containsExactlyInAnyOrderElementsOf(
                        lockedByA.stream().filter(id -> !id.equals(stale)).toList());
        assertThat(result.get("refused")).hasSize(1);
        assertThat(result.get("refused").get(0).get("id").asText()).isEqualTo(stale);
        assertThat(result.get("refused").get(0).get("reason").asText()).contains("worker-b");

        // Worker B completes its task; the same batch again completes nothing.
        HttpResponse<String> byB =
                asAdmin().postJson("/engine-rest/external-task/" + stale + "/complete", Map.of("workerId", "worker-b"));
        assertThat(byB.statusCode()).as(byB.body()).isEqualTo(204);
        JsonNode again = EngineHttp.json(complete("worker-a", lockedByA));
        assertThat(again.get("completed")).isEmpty();
        assertThat(again.get("refused")).hasSize(3);

        for (String id : lockedByA) {
            assertThat(historyService
                            .createHistoricExternalTaskLogQuery()
                            .externalTaskId(id)
                            .successLog()
                            .count())
                    .as("completions of task %s", id)
                    .isEqualTo(1);
        }
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processDefinitionKey("it-batch")
                        .completed()
                        .count())
                .isEqualTo(3);
        assertThat(historyService
                        .createHistoricVariableInstanceQuery()
                        .variableName("done")
                        .processInstanceIdIn(
                                historyService
                                        .createHistoricProcessInstanceQuery()
                                        .processDefinitionKey("it-batch")
                                        .list()
                                        .stream()
                                        .map(p -> p.getId())
                                        .toArray(String[]::new))
                        .count())
                .as("variables set by the batch")
                .isEqualTo(2);
    }

    /**
     * A user's batch is checked as Camunda checks a single complete: UPDATE on the run or UPDATE_INSTANCE on its
     * definition. The definition-wide grant is looked up once per definition in a batch; a run-level grant still counts.
     */
    @Test
    void aUsersBatchCompletesOnlyTheRunsTheUserMayUpdate() {
        String topic = "it.batch-auth";
        deploy("it-batch-auth", Models.externalTaskProcess("it-batch-auth", topic));
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(EngineHttp.json(
                            asAdmin().postJson("/engine-rest/process-definition/key/it-batch-auth/start", Map.of()))
                    .get("id")
                    .asText());
        }
        // The viewer may update one run only, through a grant on that run.
        HttpResponse<String> grant = asAdmin()
                .postJson(
                        "/engine-rest/authorization/create",
                        Map.of(
                                "type",
                                1,
                                "permissions",
                                List.of("UPDATE"),
                                "userId",
                                "itviewer",
                                "resourceType",
                                8,
                                "resourceId",
                                runs.get(0)));
        EngineHttp viewer = asRole("viewer");
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
        List<String> locked = fetch(topic, "auth-worker", 4, 60_000);
        assertThat(locked).hasSize(4);
        String granted = locked.stream()
                .filter(task -> runOf(task).equals(runs.get(0)))
                .findFirst()
                .orElseThrow();

        JsonNode byViewer = EngineHttp.json(complete(viewer, "auth-worker", locked));

        assertThat(byViewer.get("completed")).hasSize(1);
        assertThat(byViewer.get("completed").get(0).asText()).isEqualTo(granted);
        assertThat(byViewer.get("refused")).hasSize(3);
        byViewer.get("refused")
                .forEach(r -> assertThat(r.get("reason").asText()).isEqualTo("not authorized to update its run"));
        assertThat(openTasks(topic)).as("the refused tasks are still open").isEqualTo(3);

        List<String> rest = locked.stream().filter(id -> !id.equals(granted)).toList();
        JsonNode byOperator = EngineHttp.json(complete(asRole("operator"), "auth-worker", rest));
        assertThat(byOperator.get("completed"))
                .as("UPDATE_INSTANCE on every definition")
                .hasSize(3);
        assertThat(byOperator.get("refused")).isEmpty();
        assertThat(openTasks(topic)).isZero();
    }

    private long openTasks(String topic) {
        return EngineHttp.json(asAdmin().get("/engine-rest/external-task/count?topicName=" + topic))
                .get("count")
                .asLong();
    }

    private String runOf(String taskId) {
        return EngineHttp.json(asAdmin().get("/engine-rest/external-task/" + taskId))
                .get("processInstanceId")
                .asText();
    }

    @Test
    void badBatchesAreRefusedNamingTheFieldAndChangeNothing() {
        HttpResponse<String> empty =
                asAdmin().postJson("/api/v1/dispatch/complete", Map.of("workerId", "w", "tasks", List.of()));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(EngineHttp.json(empty).get("detail").asText()).contains("tasks");

        HttpResponse<String> badVariable = asAdmin()
                .postJson(
                        "/api/v1/dispatch/complete",
                        Map.of(
                                "workerId",
                                "w",
                                "tasks",
                                List.of(Map.of(
                                        "id",
                                        "x",
                                        "variables",
                                        Map.of("n", Map.of("value", "abc", "type", "Integer"))))));
        assertThat(badVariable.statusCode()).isEqualTo(400);
        assertThat(EngineHttp.json(badVariable).get("detail").asText()).contains("tasks[0].variables");

        assertThat(anonymous()
                        .postJson("/api/v1/dispatch/complete", Map.of("workerId", "w", "tasks", List.of()))
                        .statusCode())
                .isEqualTo(401);
    }
}

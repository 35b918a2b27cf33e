package io.chronoflow.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.worker.ChronoflowWorker;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Worker tokens: issued by admins, shown once, stored hashed, limited to worker calls and topics, revocable. */
class WorkerTokensIT extends EngineIntegrationTest {

    private static final String TOPIC_A = "it.tokens.a";
    private static final String TOPIC_B = "it.tokens.b";

    private JsonNode issue(String name, List<String> topics) {
        HttpResponse<String> issued =
                asAdmin().postJson("/api/v1/worker-tokens", Map.of("name", name, "topics", topics));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return EngineHttp.json(issued);
    }

    private static Map<String, Object> fetch(String topic) {
        return Map.of(
                "workerId",
                "it-token-worker",
                "maxTasks",
                5,
                "topics",
                List.of(Map.of("topicName", topic, "lockDuration", 60_000)));
    }

    @Test
    void aTopicLimitedTokenFetchesAndReportsItsTopicsOnlyAndNothingElse() {
        JsonNode issued = issue("limited", List.of(TOPIC_A));
        String token = issued.get("token").asText();
        assertThat(token).startsWith("cfw." + issued.get("id").asText() + ".");
        EngineHttp worker = EngineHttp.bearer(baseUrl(), token);

        assertThat(worker.postJson("/engine-rest/external-task/fetchAndLock", fetch(TOPIC_A))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> otherTopic = worker.postJson("/engine-rest/external-task/fetchAndLock", fetch(TOPIC_B));
        assertThat(otherTopic.statusCode()).isEqualTo(403);
        assertThat(otherTopic.body()).contains(TOPIC_B).contains(TOPIC_A);
        assertThat(worker.postJson(
                                "/api/v1/dispatch/fetch-and-lock",
                                Map.of(
                                        "workerId",
                                        "x",
                                        "maxTasks",
                                        1,
                                        "topics",
                                        List.of(Map.of("topicName", TOPIC_B, "lockDuration", 1000))))
                        .statusCode())
                .isEqualTo(403);

        // A task of another topic, fetched by an admin: the token may not report on it.
        deploy("it-tokens-b", Models.externalTaskProcess("it-tokens-b", TOPIC_B));
        asAdmin().postJson("/engine-rest/process-definition/key/it-tokens-b/start", Map.of());
        JsonNode locked =
                EngineHttp.json(asAdmin().postJson("/engine-rest/external-task/fetchAndLock", fetch(TOPIC_B)));
        assertThat(locked).isNotEmpty();
        String taskId = locked.get(0).get("id").asText();
        HttpResponse<String> complete = worker.postJson(
                "/engine-rest/external-task/" + taskId + "/complete", Map.of("workerId", "it-token-worker"));
        assertThat(complete.statusCode()).isEqualTo(403);
        assertThat(asAdmin().get("/engine-rest/external-task/" + taskId).statusCode())
                .as("still there")
                .isEqualTo(200);

        for (String path : List.of(
                "/api/v1/jobs", "/engine-rest/deployment", "/engine-rest/external-task", "/actuator/prometheus")) {
            assertThat(worker.get(path).statusCode()).as(path).isEqualTo(403);
        }
        // The same credential as HTTP Basic is still only a worker.
        EngineHttp basic =
                EngineHttp.basic(baseUrl(), issued.get("id").asText(), token.substring(token.lastIndexOf('.') + 1));
        assertThat(basic.postJson("/engine-rest/external-task/fetchAndLock", fetch(TOPIC_A))
                        .statusCode())
                .isEqualTo(200);
        assertThat(basic.get("/api/v1/jobs").statusCode()).isEqualTo(403);
    }

    @Test
    void tokensAreListedWithoutSecretsAndARevokedTokenIsRefused() {
        JsonNode issued = issue("revocable", List.of());
        String id = issued.get("id").asText();
        EngineHttp worker = EngineHttp.bearer(baseUrl(), issued.get("token").asText());
        assertThat(worker.postJson("/engine-rest/external-task/fetchAndLock", fetch(TOPIC_A))
                        .statusCode())
                .isEqualTo(200);

        String listed = asAdmin().get("/api/v1/worker-tokens").body();
        assertThat(listed)
                .contains(id)
                .contains("revocable")
                .doesNotContain(issued.get("token").asText().substring(4 + id.length() + 1));
        assertThat(asAdmin().get("/engine-rest/user?id=" + id).body())
                .as("stored as an engine user")
                .contains(id);

        assertThat(asAdmin().delete("/api/v1/worker-tokens/" + id).statusCode()).isEqualTo(204);
        HttpResponse<String> refused = worker.postJson("/engine-rest/external-task/fetchAndLock", fetch(TOPIC_A));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(asAdmin().delete("/api/v1/worker-tokens/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void malformedAndUnknownBearerTokensAre401() {
        for (String token : List.of("nonsense", "cfw.", "cfw.nobody.secret", "cfw.w00.")) {
            assertThat(EngineHttp.bearer(baseUrl(), token)
                            .postJson("/engine-rest/external-task/fetchAndLock", fetch(TOPIC_A))
                            .statusCode())
                    .as(token)
                    .isEqualTo(401);
        }
    }

    @Test
    void theWorkerSdkRunsTasksWithAToken() throws Exception {
        String key = "it-tokens-sdk";
        String topic = "it.tokens.sdk";
        deploy(key, Models.externalTaskProcess(key, topic));
        String token = issue("sdk", List.of(topic)).get("token").asText();
        try (ChronoflowWorker worker = ChronoflowWorker.builder()
                .engineUrl(baseUrl() + "/engine-rest")
                .token(token)
                .workerId("it-token-sdk")
                .longPoll(Duration.ofSeconds(2))
                .redisUrl(REDIS_URL)
                .keyPrefix(KEY_PREFIX)
                .handler(topic, (task, ctx) -> {})
                .build()
                .start()) {
            String run = EngineHttp.json(
                            asAdmin().postJson("/engine-rest/process-definition/key/" + key + "/start", Map.of()))
                    .get("id")
                    .asText();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "COMPLETED"
                            .equals(EngineHttp.json(asAdmin().get("/engine-rest/history/process-instance/" + run))
                                    .path("state")
                                    .asText()));
        }
    }
}

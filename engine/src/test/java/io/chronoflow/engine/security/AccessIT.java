package io.chronoflow.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.testkit.EngineHttp;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AccessIT extends EngineIntegrationTest {

    @Autowired
    InternalWorkerCredentials internalWorker;

    @Autowired
    IdentityService identityService;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/engine-rest/engine",
                "/engine-rest/process-definition",
                "/engine-rest/external-task",
                "/api/v1/jobs",
                "/api/anything",
                "/actuator/prometheus",
                "/actuator/metrics",
                "/some/unknown/path"
            })
    void withoutCredentialsAnswers401ProblemJson(String path) {
        HttpResponse<String> response = anonymous().get(path);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = EngineHttp.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("instance").asText()).isEqualTo(path);
        assertThat(problem.get("detail").asText()).contains("credentials");
    }

    @Test
    void healthIsOpenAndShowsNoDetailsToAnonymousCallers() {
        HttpResponse<String> response = anonymous().get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = EngineHttp.json(response);
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.has("components")).isFalse();
    }

    @Test
    void wrongPasswordsAre401LoggedWithoutThePasswordAndSlowTheNextAttempt(CapturedOutput output) {
        // Its own user: the engine delays the next login of a user after a failed one.
        User user = identityService.newUser("wrongpassword");
        user.setPassword("the-right-one-1234");
        identityService.saveUser(user);
        try {
            HttpResponse<String> response = EngineHttp.basic(baseUrl(), "wrongpassword", "not-the-password")
                    .get("/engine-rest/engine");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).doesNotContain("not-the-password");
            // Right after a failure even the right password is refused for a while (3 s by default)...
            EngineHttp right = EngineHttp.basic(baseUrl(), "wrongpassword", "the-right-one-1234");
            assertThat(right.get("/engine-rest/engine").statusCode()).isEqualTo(401);
            // ...and accepted once the delay has passed.
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .pollInterval(java.time.Duration.ofSeconds(1))
                    .until(() -> right.get("/engine-rest/engine").statusCode() == 200);
            assertThat(output.getAll())
                    .contains("CF-SEC-001")
                    .contains("wrongpassword")
                    .doesNotContain("not-the-password");
        } finally {
            identityService.deleteUser("wrongpassword");
        }
    }

    @Test
    void adminReachesEngineRestAndSeesHealthDetails() {
        HttpResponse<String> engines = asAdmin().get("/engine-rest/engine");
        assertThat(engines.statusCode()).isEqualTo(200);
        assertThat(EngineHttp.json(engines).get(0).get("name").asText()).isEqualTo("default");

        JsonNode health = EngineHttp.json(asAdmin().get("/actuator/health"));
        assertThat(health.at("/components/redis/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
    }

    @Test
    void adminScrapesPrometheus() {
        HttpResponse<String> response = asAdmin().get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void openApiDescribesTheChronoflowApiToAuthenticatedCallers() {
        assertThat(anonymous().get("/v3/api-docs").statusCode()).isEqualTo(401);

        HttpResponse<String> docs = asAdmin().get("/v3/api-docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = EngineHttp.json(docs).get("paths");
        assertThat(paths.has("/api/v1/jobs")).isTrue();
        assertThat(paths.has("/api/v1/jobs/{key}/trigger")).isTrue();
        assertThat(paths.has("/api/v1/runs/{id}")).isTrue();
        assertThat(paths.has("/api/v1/workers")).isTrue();
    }

    @Test
    void aPasswordChangedThroughEngineRestIsRefusedAtOnceThoughTheOldOneWasJustChecked() {
        HttpResponse<String> created = asAdmin()
                .postJson("/api/v1/users", Map.of("id", "itrotate", "password", "Old-pass-4711", "role", "viewer"));
        assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
        EngineHttp old = EngineHttp.basic(baseUrl(), "itrotate", "Old-pass-4711");
        assertThat(old.get("/api/v1/jobs").statusCode()).isEqualTo(200);
        assertThat(old.get("/api/v1/jobs").statusCode()).isEqualTo(200); // now answered from the checked credentials

        HttpResponse<String> changed = asAdmin()
                .putJson(
                        "/engine-rest/user/itrotate/credentials",
                        Map.of("password", "New-pass-4711", "authenticatedUserPassword", ADMIN_PASSWORD));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);

        // The new one first: a wrong password delays the user's next attempt.
        assertThat(EngineHttp.basic(baseUrl(), "itrotate", "New-pass-4711")
                        .get("/api/v1/jobs")
                        .statusCode())
                .isEqualTo(200);
        assertThat(old.get("/api/v1/jobs").statusCode()).isEqualTo(401);
    }

    @Test
    void workerCredentialReachesExternalTasksOnly() {
        EngineHttp worker = EngineHttp.basic(baseUrl(), internalWorker.username(), internalWorker.password());

        HttpResponse<String> fetched = worker.postJson(
                "/engine-rest/external-task/fetchAndLock",
                Map.of(
                        "workerId",
                        "it-access",
                        "maxTasks",
                        1,
                        "topics",
                        List.of(Map.of("topicName", "it.access.none", "lockDuration", 1000))));
        assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
        assertThat(worker.get("/engine-rest/external-task/count").statusCode()).isEqualTo(403);
        HttpResponse<String> denied = worker.get("/engine-rest/deployment");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void webappLoginPageIsServedAndItsApiNeedsASession() {
        assertThat(anonymous().get("/camunda/app/welcome/default/").statusCode())
                .isEqualTo(200);
        // The webapps' own REST API is protected by their session login.
        assertThat(anonymous()
                        .get("/camunda/api/engine/engine/default/process-definition")
                        .statusCode())
                .isIn(401, 403);
    }

    @Test
    void apiResponsesCarrySecureHeaders() {
        HttpResponse<String> jobs = asAdmin().get("/api/v1/jobs");
        assertThat(jobs.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(jobs.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(jobs.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    @Test
    void theWebappsRefuseAChangeWithoutTheirCsrfToken() {
        // A cross-site form posting the login (or anything else) has no XSRF token: refused before it is looked at.
        HttpResponse<String> login = anonymous()
                .postForm(
                        "/camunda/api/admin/auth/user/default/login/cockpit",
                        Map.of("username", ADMIN, "password", ADMIN_PASSWORD));
        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(login.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
    }

    @Test
    void aUserFromConfigurationHasItsRole() {
        EngineHttp configured = EngineHttp.basic(baseUrl(), CONFIGURED_VIEWER, ROLE_PASSWORD);
        assertThat(configured.get("/api/v1/jobs").statusCode()).isEqualTo(200);
        assertThat(configured
                        .postJson("/api/v1/jobs/heartbeat-report/trigger", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(asAdmin().get("/api/v1/users").body())
                .contains("{\"id\":\"" + CONFIGURED_VIEWER + "\",\"name\":\"" + CONFIGURED_VIEWER
                        + "\",\"role\":\"viewer\"}");
    }
}

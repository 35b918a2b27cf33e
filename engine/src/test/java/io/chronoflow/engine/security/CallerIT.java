package io.chronoflow.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.testkit.EngineHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /api/v1/me} tells every user its id and role (what the jobs console shows and offers); it is for people,
 * not workers, and needs credentials like everything else.
 */
class CallerIT extends EngineIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"admin", "operator", "viewer"})
    void eachRoleGetsItsRole(String role) {
        HttpResponse<String> response = asRole(role).get("/api/v1/me");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode caller = EngineHttp.json(response);
        assertThat(caller.get("id").asText()).isEqualTo("it" + role);
        assertThat(caller.get("role").asText()).isEqualTo(role);
    }

    @Test
    void theFirstAdminAndAConfiguredUserGetTheirRoles() {
        assertThat(EngineHttp.json(asAdmin().get("/api/v1/me")).get("role").asText())
                .isEqualTo("admin");
        JsonNode viewer = EngineHttp.json(
                EngineHttp.basic(baseUrl(), CONFIGURED_VIEWER, ROLE_PASSWORD).get("/api/v1/me"));
        assertThat(viewer.get("id").asText()).isEqualTo(CONFIGURED_VIEWER);
        assertThat(viewer.get("role").asText()).isEqualTo("viewer");
    }

    @Test
    void aUserInNoRoleGroupIsToldItHasNone() {
        String password = "it-no-role-" + UUID.randomUUID();
        HttpResponse<String> created = asAdmin()
                .postJson(
                        "/engine-rest/user/create",
                        Map.of(
                                "profile", Map.of("id", "itcallernone", "firstName", "No", "lastName", "Role"),
                                "credentials", Map.of("password", password)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(204);

        HttpResponse<String> response =
                EngineHttp.basic(baseUrl(), "itcallernone", password).get("/api/v1/me");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode caller = EngineHttp.json(response);
        assertThat(caller.get("id").asText()).isEqualTo("itcallernone");
        assertThat(caller.has("role")).as(response.body()).isFalse();
    }

    @Test
    void aWorkerTokenIsNotAPerson() {
        assertThat(asWorkerToken().get("/api/v1/me").statusCode()).isEqualTo(403);
    }

    @Test
    void withoutCredentialsItIs401WithTheBasicChallenge() {
        HttpResponse<String> response = anonymous().get("/api/v1/me");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"chronoflow\"");
    }

    @Test
    void aScriptGetsThe401ProblemWithoutAChallengeSoTheBrowserShowsNoLoginDialog()
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/me"))
                .header("X-Requested-With", "XMLHttpRequest")
                .header("Authorization", "Basic bm9ib2R5Ondyb25nLXBhc3N3b3Jk")
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(EngineHttp.json(response).get("detail").asText()).contains("Valid credentials are required");
    }
}

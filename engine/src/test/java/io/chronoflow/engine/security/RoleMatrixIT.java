package io.chronoflow.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every role against every sensitive action, through both REST surfaces: {@code /api/v1} (guarded by role) and {@code
 * /engine-rest} (guarded by the engine's authorizations on the same groups). Allowed means a 2xx, denied means 403.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixIT extends EngineIntegrationTest {

    private static final String JOB = "it-roles-job";
    private static final String PASSWORD = "it-role-password-" + UUID.randomUUID();

    private enum Who {
        VIEWER,
        OPERATOR,
        ADMIN,
        NO_ROLE,
        WORKER
    }

    private final Map<Who, EngineHttp> callers = new java.util.EnumMap<>(Who.class);

    @BeforeAll
    void usersOfEveryRole() {
        deploy(JOB, Models.externalTaskProcess(JOB, "it.roles.none"));
        callers.put(Who.VIEWER, asRole("viewer"));
        callers.put(Who.OPERATOR, asRole("operator"));
        callers.put(Who.ADMIN, asRole("admin"));
        // A user made through the engine's own API, in no role group.
        asAdmin()
                .postJson(
                        "/engine-rest/user/create",
                        Map.of(
                                "profile", Map.of("id", "itrolenone", "firstName", "No", "lastName", "Role"),
                                "credentials", Map.of("password", PASSWORD)));
        callers.put(Who.NO_ROLE, EngineHttp.basic(baseUrl(), "itrolenone", PASSWORD));
        callers.put(Who.WORKER, asWorkerToken());
    }

    private static Arguments action(
            String name, BiFunction<EngineHttp, String, HttpResponse<String>> call, Who... allowed) {
        return Arguments.of(name, call, List.of(allowed));
    }

    static Stream<Arguments> actions() {
        return Stream.of(
                action("api: list jobs", (c, u) -> c.get("/api/v1/jobs"), Who.VIEWER, Who.OPERATOR, Who.ADMIN),
                action("api: list workers", (c, u) -> c.get("/api/v1/workers"), Who.VIEWER, Who.OPERATOR, Who.ADMIN),
                action(
                        "api: resume a job",
                        (c, u) -> c.postJson("/api/v1/jobs/" + JOB + "/resume", ""),
                        Who.OPERATOR,
                        Who.ADMIN),
                action(
                        "api: trigger a job",
                        (c, u) -> c.postJson("/api/v1/jobs/" + JOB + "/trigger", Map.of()),
                        Who.OPERATOR,
                        Who.ADMIN),
                action("api: list users", (c, u) -> c.get("/api/v1/users"), Who.ADMIN),
                action(
                        "api: create a user",
                        (c, u) -> c.postJson(
                                "/api/v1/users", Map.of("id", "itnew" + u, "password", PASSWORD, "role", "viewer")),
                        Who.ADMIN),
                action(
                        "api: issue a worker token",
                        (c, u) -> c.postJson("/api/v1/worker-tokens", Map.of("name", "it " + u)),
                        Who.ADMIN),
                action(
                        "api: read metrics",
                        (c, u) -> c.get("/actuator/prometheus"),
                        Who.VIEWER,
                        Who.OPERATOR,
                        Who.ADMIN),
                action(
                        "engine-rest: list definitions",
                        (c, u) -> c.get("/engine-rest/process-definition?key=" + JOB),
                        Who.VIEWER,
                        Who.OPERATOR,
                        Who.ADMIN,
                        Who.NO_ROLE),
                action(
                        "engine-rest: start a run",
                        (c, u) -> c.postJson("/engine-rest/process-definition/key/" + JOB + "/start", Map.of()),
                        Who.OPERATOR,
                        Who.ADMIN),
                action(
                        "engine-rest: activate a definition",
                        (c, u) -> c.putJson(
                                "/engine-rest/process-definition/key/" + JOB + "/suspended",
                                Map.of("suspended", false, "includeProcessInstances", false)),
                        Who.OPERATOR,
                        Who.ADMIN),
                action(
                        "engine-rest: deploy",
                        (c, u) -> c.postMultipart(
                                "/engine-rest/deployment/create",
                                Map.of("deployment-name", "it-roles-" + u),
                                "it-roles-" + u + ".bpmn",
                                Models.timerProcess("itroles" + u, "R/PT1H")),
                        Who.ADMIN),
                action(
                        "engine-rest: create a user",
                        (c, u) -> c.postJson(
                                "/engine-rest/user/create",
                                Map.of(
                                        "profile",
                                        Map.of("id", "itrest" + u),
                                        "credentials",
                                        Map.of("password", PASSWORD))),
                        Who.ADMIN),
                action(
                        "engine-rest: grant an authorization",
                        (c, u) -> c.postJson(
                                "/engine-rest/authorization/create",
                                Map.of(
                                        "type",
                                        1,
                                        "permissions",
                                        List.of("ALL"),
                                        "userId",
                                        "itghost" + u,
                                        "resourceType",
                                        6,
                                        "resourceId",
                                        "*")),
                        Who.ADMIN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void eachRoleIsAllowedExactlyItsActions(
            String action, BiFunction<EngineHttp, String, HttpResponse<String>> call, List<Who> allowed) {
        for (Who who : Who.values()) {
            String unique = who.name().toLowerCase().replace("_", "")
                    + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
            HttpResponse<String> response = call.apply(callers.get(who), unique);
            if (allowed.contains(who)) {
                assertThat(response.statusCode())
                        .as("%s by %s: %s", action, who, response.body())
                        .isBetween(200, 299);
            } else if (who == Who.NO_ROLE && action.startsWith("engine-rest")) {
                // The engine does not even tell a user who may not read a definition that it exists.
                assertThat(response.statusCode())
                        .as("%s by %s: %s", action, who, response.body())
                        .isIn(403, 404);
            } else {
                assertThat(response.statusCode())
                        .as("%s by %s: %s", action, who, response.body())
                        .isEqualTo(403);
            }
        }
    }
}

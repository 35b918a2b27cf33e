package io.chronoflow.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bad input across {@code /api/v1} and {@code /engine-rest}: each case gets its 4xx, a problem document where the
 * endpoint is Chronoflow's (naming the field where there is one), no stack trace anywhere, and changes nothing:
 * deployments, definitions, jobs' states, users, worker tokens and Redis keys are the same before and after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT extends EngineIntegrationTest {

    private static final String JOB = "it-bad-input-job";

    @Autowired
    RedissonClient redisson;

    private final Map<String, EngineHttp> callers = new TreeMap<>();

    @BeforeAll
    void callers() {
        deploy(JOB, Models.timerProcess(JOB, "R/PT1H"));
        callers.put("admin", asAdmin());
        callers.put("operator", asRole("operator"));
        callers.put("viewer", asRole("viewer"));
        callers.put("worker", asWorkerToken());
        callers.put("anonymous", anonymous());
        // Not the admin: a wrong password delays the user's next logins, and the admin is needed for the checks.
        callers.put("wrong-password", EngineHttp.basic(baseUrl(), "itnosuchuser", "not-a-password"));
    }

    private static Arguments bad(
            String name, String caller, Function<EngineHttp, HttpResponse<String>> call, int status, String mentions) {
        return Arguments.of(name, caller, call, status, mentions);
    }

    private static Function<EngineHttp, HttpResponse<String>> deploying(String file, byte[] model) {
        return c -> c.postMultipart("/engine-rest/deployment/create", Map.of("deployment-name", "it-bad"), file, model);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String trigger(String key) {
        return "/api/v1/jobs/" + key + "/trigger";
    }

    static Stream<Arguments> cases() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">&x;</definitions>";
        String script = new String(Models.timerProcess("itbadscript", "R/PT1H"), StandardCharsets.UTF_8)
                .replace(
                        "<bpmn:endEvent id=\"end\">",
                        "<bpmn:scriptTask id=\"evil\" scriptFormat=\"groovy\"><bpmn:script>'id'.execute()</bpmn:script></bpmn:scriptTask><bpmn:endEvent id=\"end\">");
        return Stream.of(
                bad(
                        "deploy: invalid BPMN",
                        "admin",
                        deploying("invalid.bpmn", Models.invalidProcess("itbadinvalid")),
                        400,
                        "missing"),
                bad(
                        "deploy: not XML",
                        "admin",
                        deploying("garbage.bpmn", bytes("definitely not xml")),
                        400,
                        "not well-formed"),
                bad("deploy: external entity (XXE)", "admin", deploying("xxe.bpmn", bytes(xxe)), 400, "DOCTYPE"),
                bad(
                        "deploy: script task",
                        "admin",
                        deploying("script.bpmn", bytes(script)),
                        400,
                        "scripts are not allowed"),
                bad(
                        "deploy: invalid cron",
                        "admin",
                        deploying("cron.bpmn", Models.timerProcess("itbadcron", "0 0 25 * * ?")),
                        400,
                        "cron"),
                bad(
                        "deploy: invalid cycle duration",
                        "admin",
                        deploying("cycle.bpmn", Models.timerProcess("itbadcycle", "R/PT1X")),
                        400,
                        "PT1X"),
                bad(
                        "deploy: invalid timeout",
                        "admin",
                        deploying("timeout.bpmn", Models.timeoutProcess("itbadtimeout", "it.none", "soon")),
                        400,
                        "chronoflow.timeout"),
                bad(
                        "deploy: invalid overlap",
                        "admin",
                        deploying(
                                "overlap.bpmn",
                                Models.overlappingProcess("itbadoverlap", "R/PT1H", "it.none", "sometimes")),
                        400,
                        "chronoflow.overlap"),
                bad(
                        "deploy: invalid time zone",
                        "admin",
                        deploying("zone.bpmn", Models.timerProcess("itbadzone", "0 30 2 * * ?", "Mars/Olympus")),
                        400,
                        "Mars/Olympus"),
                bad(
                        "deploy: path traversal in the file name",
                        "admin",
                        deploying("../../etc/evil.bpmn", Models.timerProcess("itbadpath", "R/PT1H")),
                        400,
                        "resource name"),
                bad(
                        "deploy: oversize body",
                        "admin",
                        deploying("big.bpmn", new byte[11 * 1024 * 1024]),
                        413,
                        "deployment"),
                bad(
                        "deploy: by an operator",
                        "operator",
                        deploying("op.bpmn", Models.timerProcess("itbadop", "R/PT1H")),
                        403,
                        null),
                bad(
                        "deploy: by a worker token",
                        "worker",
                        deploying("w.bpmn", Models.timerProcess("itbadw", "R/PT1H")),
                        403,
                        null),
                bad("api: unknown job", "viewer", c -> c.get("/api/v1/jobs/no-such-job"), 404, "no-such-job"),
                bad(
                        "api: pause an unknown job",
                        "operator",
                        c -> c.postJson("/api/v1/jobs/no-such-job/pause", ""),
                        404,
                        "no-such-job"),
                bad(
                        "api: trigger an unknown job",
                        "operator",
                        c -> c.postJson(trigger("no-such-job"), Map.of()),
                        404,
                        "no-such-job"),
                bad("api: unknown run", "viewer", c -> c.get("/api/v1/runs/no-such-run"), 404, "no-such-run"),
                bad(
                        "api: trigger with malformed JSON",
                        "operator",
                        c -> c.postJson(trigger(JOB), "{\"variables\": {"),
                        400,
                        "variables"),
                bad(
                        "api: trigger with variables of the wrong type",
                        "operator",
                        c -> c.postJson(trigger(JOB), Map.of("variables", "x")),
                        400,
                        "variables"),
                bad(
                        "api: trigger with a too long business key",
                        "operator",
                        c -> c.postJson(trigger(JOB), Map.of("businessKey", "k".repeat(300))),
                        400,
                        "businessKey"),
                bad(
                        "api: trigger with an oversize body",
                        "operator",
                        c -> c.postJson(trigger(JOB), Map.of("variables", Map.of("blob", "x".repeat(2 * 1024 * 1024)))),
                        413,
                        "request-body"),
                bad(
                        "api: runs page below zero",
                        "viewer",
                        c -> c.get("/api/v1/jobs/" + JOB + "/runs?page=-1"),
                        400,
                        "page"),
                bad(
                        "api: runs size not a number",
                        "viewer",
                        c -> c.get("/api/v1/jobs/" + JOB + "/runs?size=many"),
                        400,
                        "size"),
                bad(
                        "api: user without password",
                        "admin",
                        c -> c.postJson("/api/v1/users", Map.of("id", "itbaduser", "role", "viewer")),
                        400,
                        "password"),
                bad(
                        "api: user id with path traversal",
                        "admin",
                        c -> c.postJson(
                                "/api/v1/users",
                                Map.of("id", "../../etc", "password", "long-enough-password", "role", "viewer")),
                        400,
                        "id"),
                bad(
                        "api: user with an unknown role",
                        "admin",
                        c -> c.postJson(
                                "/api/v1/users",
                                Map.of("id", "itbadrole", "password", "long-enough-password", "role", "root")),
                        400,
                        "role"),
                bad(
                        "api: user with a short password",
                        "admin",
                        c -> c.postJson(
                                "/api/v1/users", Map.of("id", "itbadshort", "password", "short", "role", "viewer")),
                        400,
                        "password"),
                bad(
                        "api: worker token named with a path",
                        "admin",
                        c -> c.postJson("/api/v1/worker-tokens", Map.of("name", "../../x")),
                        400,
                        "name"),
                bad(
                        "api: worker token topic with a comma",
                        "admin",
                        c -> c.postJson("/api/v1/worker-tokens", Map.of("name", "x", "topics", List.of("a,b"))),
                        400,
                        "topics"),
                bad(
                        "api: revoke an unknown worker token",
                        "admin",
                        c -> c.delete("/api/v1/worker-tokens/wnosuchtoken"),
                        404,
                        "wnosuchtoken"),
                bad(
                        "api: audit with from after to",
                        "admin",
                        c -> c.get("/api/v1/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"),
                        400,
                        "from"),
                bad(
                        "api: audit with an unparsable instant",
                        "admin",
                        c -> c.get("/api/v1/audit?from=yesterday"),
                        400,
                        "from"),
                bad("api: audit with too large a limit", "admin", c -> c.get("/api/v1/audit?limit=5000"), 400, "limit"),
                bad(
                        "api: fires over more than 31 days",
                        "viewer",
                        c -> c.get("/api/v1/fires?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z"),
                        400,
                        "31 days"),
                bad("api: missing credentials", "anonymous", c -> c.get("/api/v1/jobs"), 401, "credentials"),
                bad("api: wrong password", "wrong-password", c -> c.get("/api/v1/jobs"), 401, "credentials"),
                bad(
                        "api: viewer pausing a job",
                        "viewer",
                        c -> c.postJson("/api/v1/jobs/" + JOB + "/pause", ""),
                        403,
                        "role"),
                bad("api: worker token on the users API", "worker", c -> c.get("/api/v1/users"), 403, "role"),
                bad(
                        "engine-rest: start an unknown process",
                        "admin",
                        c -> c.postJson("/engine-rest/process-definition/key/no-such-process/start", Map.of()),
                        404,
                        null),
                bad(
                        "engine-rest: start with malformed JSON",
                        "admin",
                        c -> c.postJson("/engine-rest/process-definition/key/" + JOB + "/start", "{"),
                        400,
                        null),
                bad(
                        "engine-rest: viewer suspending a job",
                        "viewer",
                        c -> c.putJson(
                                "/engine-rest/process-definition/key/" + JOB + "/suspended", Map.of("suspended", true)),
                        403,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsRefusedClearlyAndChangesNothing(
            String name, String caller, Function<EngineHttp, HttpResponse<String>> call, int status, String mentions) {
        Map<String, Object> before = state();

        HttpResponse<String> response = call.apply(callers.get(caller));

        assertThat(response.statusCode()).as("%s: %s", name, response.body()).isEqualTo(status);
        String body = response.body();
        assertThat(body).as("no stack trace").doesNotContain("\tat ", ".java:", "Exception:");
        String path = response.request().uri().getPath();
        // Camunda's own REST answers its users in its own error format; everything else is a problem document.
        boolean camunda = path.startsWith("/engine-rest")
                && List.of("admin", "operator", "viewer").contains(caller)
                && status != 413;
        if (!camunda) {
            assertThat(response.headers().firstValue("Content-Type")).as(name).hasValue("application/problem+json");
            JsonNode problem = EngineHttp.json(response);
            assertThat(problem.get("status").asInt()).isEqualTo(status);
            if (mentions != null) {
                assertThat(problem.get("detail").asText()).as(name).containsIgnoringCase(mentions);
            }
        } else if (mentions != null) {
            assertThat(body).as(name).containsIgnoringCase(mentions);
        }
        assertThat(state()).as("%s changed nothing", name).isEqualTo(before);
    }

    /** What bad input must not change. */
    private Map<String, Object> state() {
        Map<String, Object> state = new TreeMap<>();
        state.put(
                "deployments",
                EngineHttp.json(asAdmin().get("/engine-rest/deployment/count"))
                        .get("count")
                        .asLong());
        state.put(
                "definitions",
                EngineHttp.json(asAdmin().get("/engine-rest/process-definition/count"))
                        .get("count")
                        .asLong());
        Map<String, String> jobs = new TreeMap<>();
        EngineHttp.json(asAdmin().get("/api/v1/jobs"))
                .get("jobs")
                .forEach(j -> jobs.put(j.get("key").asText(), j.get("state").asText()));
        state.put("jobs", jobs);
        List<String> users = new ArrayList<>();
        EngineHttp.json(asAdmin().get("/engine-rest/user"))
                .forEach(u -> users.add(u.get("id").asText()));
        state.put("users", new TreeSet<>(users));
        state.put("worker-tokens", asAdmin().get("/api/v1/worker-tokens").body());
        TreeSet<String> keys = new TreeSet<>();
        // Locks come and go with the example jobs' runs and the housekeeping; everything else must stay.
        redisson.getKeys().getKeysByPattern(KEY_PREFIX + "*").forEach(k -> {
            if (!k.contains(":shard:") && !k.contains(":housekeeping:")) {
                keys.add(k);
            }
        });
        state.put("redis-keys", keys);
        return state;
    }
}

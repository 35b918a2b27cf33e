package io.chronoflow.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoflow.engine.ChronoflowEngineApplication;
import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.worker.ChronoflowWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the engine integration tests: one engine on the local PostgreSQL (a fresh database per test JVM) and Redis,
 * shared by every subclass through Spring's context cache, so the suite boots the engine once.
 */
// Spring Boot turns metrics export off in tests; the engine's /actuator/prometheus is part of what is tested.
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = ChronoflowEngineApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EngineIntegrationTest {

    protected static final String ADMIN = "admin";
    protected static final String ADMIN_PASSWORD = "it-" + UUID.randomUUID();
    protected static final String ROLE_PASSWORD = "it-role-" + UUID.randomUUID();
    /** A viewer the engine creates at start from {@code chronoflow.users}. */
    protected static final String CONFIGURED_VIEWER = "itconfiguredviewer";
    /** Every Redis key of this run starts with it, so runs never see each other's registry or locks. */
    protected static final String KEY_PREFIX =
            "cf-it-" + UUID.randomUUID().toString().substring(0, 8);

    /** Receives the engine's alert webhook events. */
    protected static final AlertReceiver ALERTS = AlertReceiver.start();

    protected static final String REDIS_URL = System.getProperty("chronoflow.it.redis.url", "redis://127.0.0.1:6379");
    private static final Path DATA_DIR = tempDir();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void engineProperties(DynamicPropertyRegistry registry) {
        TestDatabase.recreateOnce();
        registry.add("chronoflow.db.url", TestDatabase::url);
        registry.add("chronoflow.db.user", TestDatabase::user);
        registry.add("chronoflow.redis.url", () -> REDIS_URL);
        registry.add("chronoflow.redis.key-prefix", () -> KEY_PREFIX);
        registry.add("chronoflow.demo-worker.target-db-url", TestDatabase::url);
        registry.add("chronoflow.demo-worker.target-db-user", TestDatabase::user);
        // The saga tests run their own workers on PostgreSQL databases of their own.
        registry.add("chronoflow.demo-worker.saga", () -> "false");
        registry.add("chronoflow.admin.password", () -> ADMIN_PASSWORD);
        registry.add("chronoflow.alerts.webhook-urls[0]", ALERTS::url);
        registry.add("chronoflow.users[0].id", () -> CONFIGURED_VIEWER);
        registry.add("chronoflow.users[0].password", () -> ROLE_PASSWORD);
        registry.add("chronoflow.users[0].role", () -> "viewer");
        registry.add("chronoflow.data-dir", DATA_DIR::toString);
        registry.add(
                "chronoflow.bpmn-dir",
                () -> Path.of("..", "bpmn").toAbsolutePath().normalize().toString());
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected EngineHttp asAdmin() {
        return EngineHttp.basic(baseUrl(), ADMIN, ADMIN_PASSWORD);
    }

    /** Deploys one model through /engine-rest as the Camunda Modeler does; unchanged models are not redeployed. */
    protected void deploy(String name, byte[] model) {
        HttpResponse<String> created = asAdmin()
                .postMultipart(
                        "/engine-rest/deployment/create",
                        Map.of("deployment-name", name, "deploy-changed-only", "true"),
                        name + ".bpmn",
                        model);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    /** A user of {@code role} (admin, operator, viewer), created through the users API on first use. */
    protected EngineHttp asRole(String role) {
        String id = "it" + role;
        HttpResponse<String> created =
                asAdmin().postJson("/api/v1/users", Map.of("id", id, "password", ROLE_PASSWORD, "role", role));
        assertThat(created.statusCode()).as(created.body()).isIn(201, 409);
        return EngineHttp.basic(baseUrl(), id, ROLE_PASSWORD);
    }

    /** A worker holding a freshly issued worker token limited to {@code topics} (none: every topic). */
    protected EngineHttp asWorkerToken(String... topics) {
        HttpResponse<String> issued =
                asAdmin().postJson("/api/v1/worker-tokens", Map.of("name", "it worker", "topics", List.of(topics)));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return EngineHttp.bearer(baseUrl(), EngineHttp.json(issued).get("token").asText());
    }

    /**
     * An SDK worker named {@code id} against this engine as the admin, registered in this run's Redis key space; the
     * caller adds handlers, capacity, long poll.
     */
    protected ChronoflowWorker.Builder workerBuilder(String id) {
        return ChronoflowWorker.builder()
                .engineUrl(baseUrl() + "/engine-rest")
                .basicAuth(ADMIN, ADMIN_PASSWORD)
                .workerId(id)
                .redisUrl(REDIS_URL)
                .keyPrefix(KEY_PREFIX);
    }

    protected EngineHttp anonymous() {
        return EngineHttp.anonymous(baseUrl());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("chronoflow-it-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.chronoflow.engine.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.worker.ChronoflowWorker;
import io.chronoflow.worker.http.HttpTask;
import io.chronoflow.worker.http.SecretSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The built-in HTTP task end to end: models with an external task of topic {@code chronoflow.http} on the engine, an
 * SDK worker running {@link HttpTask} in this JVM, and a real HTTP server on 127.0.0.1 as the serverless function.
 */
class HttpTaskIT extends EngineIntegrationTest {

    /** The secret's value: unique per run, so finding it anywhere it must not be is no coincidence. */
    private static final String SECRET = "fn-secret-" + UUID.randomUUID();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    HistoryService historyService;

    @Autowired
    ExternalTaskService externalTaskService;

    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Released after each test, so that a function made to hang does not outlive it. */
    private final CountDownLatch testOver = new CountDownLatch(1);

    private final ExecutorService functionThreads = Executors.newCachedThreadPool();
    private HttpServer function;
    private ChronoflowWorker worker;
    private ListAppender<ILoggingEvent> logs;
    private Level httpTaskLevel;

    /** One call as the function received it. */
    record Received(String path, String authorization, String body) {}

    @BeforeEach
    void start() throws IOException {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        // The HTTP task's own debug line is captured too.
        Logger httpTaskLogger = (Logger) LoggerFactory.getLogger(HttpTask.class);
        httpTaskLevel = httpTaskLogger.getLevel();
        httpTaskLogger.setLevel(Level.DEBUG);

        function = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        function.setExecutor(functionThreads);
        function.start();

        worker = workerBuilder("it-http-worker")
                .longPoll(Duration.ofSeconds(2))
                .handler(HttpTask.TOPIC, new HttpTask(SecretSource.of(Map.of("FN_TOKEN", SECRET))))
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        testOver.countDown();
        worker.close();
        function.stop(0);
        functionThreads.shutdownNow();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logs);
        ((Logger) LoggerFactory.getLogger(HttpTask.class)).setLevel(httpTaskLevel);
    }

    @Test
    void a200CompletesTheRunWithStatusAndBodyVariables() throws Exception {
        answer("/orders", call -> json(200, "{\"ticket\": 42, \"state\": \"accepted\"}"));
        String key = deployHttpTask(
                "it-http-ok",
                Map.of(
                        "chronoflow.http.url", url("/orders/${orderId}"),
                        "chronoflow.http.body", "{\"order\": \"${orderId}\", \"amount\": \"${amount}\"}",
                        "chronoflow.http.result", "fn"));

        String run = start(key, Map.of("orderId", "A-1", "amount", 4500));

        HistoricProcessInstance ended = awaitEnded(run);
        assertThat(ended.getEndActivityId()).isEqualTo("end");
        assertThat(variable(run, "fnStatus")).isEqualTo(200);
        JsonNode body = JSON.readTree(variable(run, "fnBody").toString());
        assertThat(body.get("ticket").asInt()).isEqualTo(42);
        assertThat(body.get("state").asText()).isEqualTo("accepted");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).path()).isEqualTo("/orders/A-1");
        assertThat(JSON.readTree(received.get(0).body()))
                .isEqualTo(JSON.readTree("{\"order\": \"A-1\", \"amount\": 4500}"));
    }

    @Test
    void twoFailuresThenA200CompletesAfterRetries() {
        AtomicInteger calls = new AtomicInteger();
        answer("/flaky", call -> calls.incrementAndGet() <= 2 ? json(500, "{\"error\": \"cold\"}") : json(200, "{}"));
        String key = deployHttpTask(
                "it-http-retry",
                Map.of(
                        "chronoflow.http.url", url("/flaky"),
                        "chronoflow.retries", "3",
                        "chronoflow.retry-backoff", "PT0.1S"));

        String run = start(key, Map.of());

        HistoricProcessInstance ended = awaitEnded(run);
        assertThat(ended.getEndActivityId()).isEqualTo("end");
        assertThat(calls.get()).isEqualTo(3);
        assertThat(variable(run, "httpStatus")).isEqualTo(200);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(run).count())
                .isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.failed() == 2 && worker.done() == 1);
    }

    @Test
    void aFunctionThatAlwaysFailsOpensAnIncidentWithTheFailure() {
        AtomicInteger calls = new AtomicInteger();
        answer("/broken", call -> {
            calls.incrementAndGet();
            return json(500, "{\"error\": \"boom\"}");
        });
        String key = deployHttpTask(
                "it-http-incident",
                Map.of(
                        "chronoflow.http.url", url("/broken"),
                        "chronoflow.retries", "2",
                        "chronoflow.retry-backoff", "PT0.1S"));

        String run = start(key, Map.of());

        Incident incident = awaitIncident(run);
        assertThat(incident.getIncidentMessage())
                .isEqualTo("POST " + url("/broken") + " answered HTTP 500: {\"error\": \"boom\"}");
        assertThat(calls.get()).isEqualTo(2);
        assertStillRunning(run);
    }

    @Test
    void a404TakesTheErrorBoundaryPath() {
        answer("/missing", call -> json(404, "{\"error\": \"no such order\"}"));
        String key = deployHttpTask("it-http-404", Map.of("chronoflow.http.url", url("/missing")));

        String run = start(key, Map.of());

        HistoricProcessInstance ended = awaitEnded(run);
        assertThat(ended.getEndActivityId()).isEqualTo("error-end");
        assertThat(variable(run, "errorMessage"))
                .isEqualTo("POST " + url("/missing") + " answered HTTP 404: {\"error\": \"no such order\"}");
        assertThat(variable(run, "httpStatus")).isEqualTo(404);
        assertThat(variable(run, "httpBody").toString()).contains("no such order");
        assertThat(received).hasSize(1);
    }

    @Test
    void aSlowFunctionTimesOutAndCountsAsAFailure() {
        answer("/slow", call -> {
            try {
                testOver.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return json(200, "{}");
        });
        String key = deployHttpTask(
                "it-http-slow",
                Map.of(
                        "chronoflow.http.url", url("/slow"),
                        "chronoflow.http.timeout", "PT0.5S",
                        "chronoflow.retries", "1"));

        String run = start(key, Map.of());

        Incident incident = awaitIncident(run);
        assertThat(incident.getIncidentMessage())
                .isEqualTo("POST " + url("/slow") + " timed out after PT0.5S (chronoflow.http.timeout)");
        assertStillRunning(run);
    }

    @Test
    void aSecretReachesTheFunctionResolvedAndNeitherTheLogsNorTheIncident() {
        // A careless function that echoes its credentials in its error answer.
        answer("/secured", call -> json(500, "{\"denied\": \"" + call.authorization() + "\"}"));
        String key = deployHttpTask(
                "it-http-secret",
                Map.of(
                        "chronoflow.http.url", url("/secured?key=${secret:FN_TOKEN}"),
                        "chronoflow.http.headers", "{\"Authorization\": \"Bearer ${secret:FN_TOKEN}\"}",
                        "chronoflow.retries", "1"));

        String run = start(key, Map.of());

        Incident incident = awaitIncident(run);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).authorization()).isEqualTo("Bearer " + SECRET);
        assertThat(received.get(0).path()).isEqualTo("/secured?key=" + SECRET);
        assertThat(incident.getIncidentMessage())
                .isEqualTo("POST " + url("/secured?key=${secret:FN_TOKEN}")
                        + " answered HTTP 500: {\"denied\": \"Bearer ***\"}");
        ExternalTask task = externalTaskService
                .createExternalTaskQuery()
                .processInstanceId(run)
                .singleResult();
        String details = externalTaskService.getExternalTaskErrorDetails(task.getId());
        assertThat(details).contains("HttpTaskException").doesNotContain(SECRET);
        // The engine's alert webhook carries the incident's error out of the system: redacted too.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ALERTS.attempts().stream().anyMatch(a -> a.contains("\"it-http-secret\"")));
        assertThat(ALERTS.attempts()).noneMatch(a -> a.contains(SECRET));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> logs.list.stream().anyMatch(e -> render(e).contains("CF-WORKER-002")));
        assertThat(logs.list).anyMatch(e -> render(e).contains("answered HTTP 500"));
        assertThat(logs.list).noneMatch(e -> render(e).contains(SECRET));
    }

    private String deployHttpTask(String key, Map<String, String> properties) {
        deploy(key, Models.errorBoundaryProcess(key, HttpTask.TOPIC, properties, "HTTP_404"));
        return key;
    }

    private String start(String key, Map<String, Object> variables) {
        return runtimeService
                .startProcessInstanceByKey(key, new HashMap<>(variables))
                .getId();
    }

    private HistoricProcessInstance awaitEnded(String run) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> historyService
                                .createHistoricProcessInstanceQuery()
                                .processInstanceId(run)
                                .completed()
                                .count()
                        == 1);
        return historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceId(run)
                .singleResult();
    }

    /** The run waits at its task, with the incident: it neither ended nor took the error path. */
    private void assertStillRunning(String run) {
        assertThat(historyService
                        .createHistoricProcessInstanceQuery()
                        .processInstanceId(run)
                        .unfinished()
                        .count())
                .isEqualTo(1);
    }

    private Incident awaitIncident(String run) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> runtimeService
                                .createIncidentQuery()
                                .processInstanceId(run)
                                .count()
                        == 1);
        return runtimeService.createIncidentQuery().processInstanceId(run).singleResult();
    }

    private Object variable(String run, String name) {
        return historyService
                .createHistoricVariableInstanceQuery()
                .processInstanceId(run)
                .variableName(name)
                .singleResult()
                .getValue();
    }

    private String url(String pathAndQuery) {
        return "http://127.0.0.1:" + function.getAddress().getPort() + pathAndQuery;
    }

    private record Answer(int status, String body) {}

    private static Answer json(int status, String body) {
        return new Answer(status, body);
    }

    private void answer(String path, Function<Received, Answer> script) {
        function.createContext(path, exchange -> {
            try (exchange) {
                Received call = new Received(
                        exchange.getRequestURI().getRawPath()
                                + (exchange.getRequestURI().getRawQuery() == null
                                        ? ""
                                        : "?" + exchange.getRequestURI().getRawQuery()),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                received.add(call);
                respond(exchange, script.apply(call));
            }
        });
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String render(ILoggingEvent event) {
        return event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }
}

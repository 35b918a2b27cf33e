package io.chronoflow.worker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.chronoflow.worker.BpmnError;
import io.chronoflow.worker.Shard;
import io.chronoflow.worker.Task;
import io.chronoflow.worker.TaskContext;
import io.chronoflow.worker.http.LocalFunction.Answer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The HTTP task against a real HTTP server on 127.0.0.1, outcome by outcome. */
class HttpTaskTest {

    private static final String TOKEN = "tok-7f3a9c1e+secret/value";

    private final HttpTask http = new HttpTask(SecretSource.of(Map.of("FN_TOKEN", TOKEN)));
    private final Outputs outputs = new Outputs();
    private LocalFunction function;

    @AfterEach
    void stopFunction() {
        if (function != null) {
            function.close();
        }
    }

    @Test
    void a200CompletesWithStatusAndParsedJsonBodyAndSendsTheFilledInRequest() throws Exception {
        function = LocalFunction.answering(call -> Answer.json(200, "{\"accepted\": true, \"ticket\": 42}"));

        call(Map.of(
                "chronoflow.http.url", function.url("/orders/${orderId}?express=${express}"),
                "chronoflow.http.headers", "{\"X-Order\": \"${orderId}\"}",
                "chronoflow.http.body", "{\"order\": \"${order}\", \"note\": \"for ${orderId}\"}"));

        assertThat(outputs.variables).containsEntry("httpStatus", 200);
        assertThat(outputs.variables.get("httpBody")).isEqualTo(Map.of("accepted", true, "ticket", 42));
        LocalFunction.Call call = function.calls().get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.pathAndQuery()).isEqualTo("/orders/A%201%2F2?express=true");
        assertThat(call.header("X-Order")).isEqualTo("A 1/2");
        assertThat(call.header("Content-Type")).isEqualTo("application/json");
        assertThat(call.body()).isEqualTo("{\"order\":{\"sku\":\"X-1\",\"quantity\":3},\"note\":\"for A 1/2\"}");
    }

    @Test
    void aGetWithoutBodySendsNoneAndATextAnswerIsKeptAsText() throws Exception {
        function = LocalFunction.answering(call -> new Answer(200, "text/plain; charset=utf-8", "pong"));

        call(Map.of(
                "chronoflow.http.url", function.url("/ping"),
                "chronoflow.http.method", "GET",
                "chronoflow.http.result", "ping"));

        assertThat(outputs.variables).containsEntry("pingStatus", 200).containsEntry("pingBody", "pong");
        LocalFunction.Call call = function.calls().get(0);
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.body()).isEmpty();
        assertThat(call.header("Content-Type")).isNull();
    }

    @Test
    void aStatusOutsideTheSuccessSetThatIsNo4xxIsATechnicalFailure() {
        function = LocalFunction.answering(call -> Answer.json(202, "{}"));

        assertThatThrownBy(() -> call(
                        Map.of("chronoflow.http.url", function.url("/hook"), "chronoflow.http.success", "200,201")))
                .isInstanceOf(HttpTaskException.class)
                .hasMessageStartingWith("POST " + function.url("/hook") + " answered HTTP 202");
    }

    @Test
    void a5xxIsATechnicalFailureNamingTheCallAndStatusWithAnExcerpt() {
        function = LocalFunction.answering(call -> Answer.json(503, "{\"error\": \"cold start\"}"));

        assertThatThrownBy(() -> call(Map.of("chronoflow.http.url", function.url("/orders/${orderId}"))))
                .isInstanceOf(HttpTaskException.class)
                .hasMessage("POST " + function.url("/orders/${orderId}")
                        + " answered HTTP 503: {\"error\": \"cold start\"}");
        assertThat(outputs.variables).isEmpty();
    }

    @Test
    void a4xxIsABpmnErrorWithItsStatusAsCodeAndTheAnswerAsVariables() {
        function = LocalFunction.answering(call -> Answer.json(404, "{\"error\": \"no such order\"}"));

        BpmnError error =
                catchThrowableOfType(() -> call(Map.of("chronoflow.http.url", function.url("/x"))), BpmnError.class);

        assertThat(error.errorCode()).isEqualTo("HTTP_404");
        assertThat(error.getMessage())
                .isEqualTo("POST " + function.url("/x") + " answered HTTP 404: " + "{\"error\": \"no such order\"}");
        assertThat(outputs.variables)
                .containsEntry("httpStatus", 404)
                .containsEntry("httpBody", Map.of("error", "no such order"));
    }

    @Test
    void rateLimitingAndRequestTimeoutAreRetriedNotBusinessErrors() {
        AtomicInteger calls = new AtomicInteger();
        function = LocalFunction.answering(call -> Answer.json(calls.incrementAndGet() == 1 ? 429 : 408, ""));
        Task task = task(Map.of("chronoflow.http.url", function.url("/x")), variables());

        assertThatThrownBy(() -> http.handle(task, outputs)).hasMessageEndingWith("answered HTTP 429");
        assertThatThrownBy(() -> http.handle(task, outputs)).hasMessageEndingWith("answered HTTP 408");
    }

    @Test
    void aStatusInTheSuccessSetCompletesEvenWhenItIsA4xx() throws Exception {
        function = LocalFunction.answering(call -> Answer.json(404, ""));

        call(Map.of(
                "chronoflow.http.url", function.url("/x"),
                "chronoflow.http.method", "DELETE",
                "chronoflow.http.success", "2xx,404"));

        assertThat(outputs.variables).containsEntry("httpStatus", 404).containsEntry("httpBody", null);
    }

    @Test
    void aSlowFunctionTimesOutAsATechnicalFailure() {
        function = LocalFunction.answering(call -> Answer.HANG);

        assertThatThrownBy(() ->
                        call(Map.of("chronoflow.http.url", function.url("/slow"), "chronoflow.http.timeout", "PT0.3S")))
                .isInstanceOf(HttpTaskException.class)
                .hasMessage("POST " + function.url("/slow") + " timed out after PT0.3S (chronoflow.http.timeout)");
        assertThat(outputs.variables).isEmpty();
    }

    @Test
    void aConnectionErrorIsATechnicalFailure() {
        function = LocalFunction.answering(call -> Answer.json(200, "{}"));
        String gone = function.url("/gone");
        function.close();

        assertThatThrownBy(() -> call(Map.of("chronoflow.http.url", gone)))
                .isInstanceOf(HttpTaskException.class)
                .hasMessageStartingWith("POST " + gone + " failed: java.net.ConnectException");
    }

    @Test
    void invalidPropertiesFailNamingThePropertyAndCallNobody() {
        function = LocalFunction.answering(call -> Answer.json(200, "{}"));

        assertThatThrownBy(() ->
                        call(Map.of("chronoflow.http.url", function.url("/x"), "chronoflow.http.timeout", "soon")))
                .isInstanceOf(HttpTaskException.class)
                .hasMessageContaining("chronoflow.http.timeout must be an ISO-8601 duration");
        assertThat(function.calls()).isEmpty();
    }

    @Test
    void aSecretIsResolvedForTheCallAndNeverLoggedNorReported() throws Exception {
        // The function echoes what it got, as a careless one might: the echo must not carry the secret back out.
        AtomicInteger calls = new AtomicInteger();
        function = LocalFunction.answering(call -> Answer.json(
                calls.incrementAndGet() == 1 ? 200 : 500,
                "{\"saw\": \"" + call.header("Authorization") + " " + call.pathAndQuery() + "\"}"));
        Map<String, String> properties = Map.of(
                "chronoflow.http.url",
                function.url("/fn?key=${secret:FN_TOKEN}"),
                "chronoflow.http.headers",
                "{\"Authorization\": \"Bearer ${secret:FN_TOKEN}\"}");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.ALL);
        try {
            http.handle(task(properties, variables()), outputs);
            HttpTaskException failure = catchThrowableOfType(
                    () -> http.handle(task(properties, variables()), new Outputs()), HttpTaskException.class);

            LocalFunction.Call call = function.calls().get(0);
            assertThat(call.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(call.pathAndQuery()).isEqualTo("/fn?key=tok-7f3a9c1e%2Bsecret%2Fvalue");
            assertThat(outputs.variables.get("httpBody").toString())
                    .isEqualTo("{saw=Bearer *** /fn?key=***}")
                    .doesNotContain("7f3a9c1e");
            assertThat(failure.getMessage())
                    .contains("?key=${secret:FN_TOKEN} answered HTTP 500")
                    .contains("Bearer ***")
                    .doesNotContain("7f3a9c1e");
            assertThat(stackTrace(failure)).doesNotContain("7f3a9c1e");
            assertThat(logs.list).isNotEmpty();
            assertThat(logs.list).allSatisfy(event -> assertThat(render(event)).doesNotContain("7f3a9c1e"));
        } finally {
            root.detachAppender(logs);
            root.setLevel(level);
        }
    }

    @Test
    void aMissingSecretFailsNamingItAndCallsNobody() {
        function = LocalFunction.answering(call -> Answer.json(200, "{}"));

        assertThatThrownBy(() -> call(Map.of(
                        "chronoflow.http.url",
                        function.url("/x"),
                        "chronoflow.http.headers",
                        "{\"Authorization\": \"Bearer ${secret:OTHER}\"}")))
                .isInstanceOf(HttpTaskException.class)
                .hasMessage("chronoflow.http.headers refers to secret 'OTHER', which is not set on this worker");
        assertThat(function.calls()).isEmpty();
    }

    @Test
    void aHeaderValueThatCannotBeSentIsNamedWithoutQuotingIt() {
        function = LocalFunction.answering(call -> Answer.json(200, "{}"));
        Map<String, Object> variables = variables();
        variables.put("trace", "abc\r\nX-Injected: secret-ish");

        assertThatThrownBy(() -> http.handle(
                        task(
                                Map.of(
                                        "chronoflow.http.url",
                                        function.url("/x"),
                                        "chronoflow.http.headers",
                                        "{\"X-Trace\": \"${trace}\"}"),
                                variables),
                        outputs))
                .isInstanceOf(HttpTaskException.class)
                .hasMessageStartingWith("chronoflow.http.headers: header 'X-Trace' cannot be sent")
                .hasMessageNotContaining("secret-ish");
        assertThat(function.calls()).isEmpty();
    }

    /** Runs the task with {@code properties} on the usual variables, keeping its outputs in {@link #outputs}. */
    private void call(Map<String, String> properties) throws Exception {
        http.handle(task(properties, variables()), outputs);
    }

    private static Map<String, Object> variables() {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("sku", "X-1");
        order.put("quantity", 3);
        Map<String, Object> variables = new HashMap<>();
        variables.put("orderId", "A 1/2");
        variables.put("express", true);
        variables.put("order", order);
        return variables;
    }

    private static Task task(Map<String, String> properties, Map<String, Object> variables) {
        return new Task(
                "task-1",
                HttpTask.TOPIC,
                "it-http",
                "run-1",
                "call",
                null,
                null,
                0,
                Instant.now().plusSeconds(30),
                variables,
                properties);
    }

    private static String render(ILoggingEvent event) {
        return event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** The context a handler gets, keeping what it sets. */
    private static final class Outputs implements TaskContext {
        final Map<String, Object> variables = new LinkedHashMap<>();

        @Override
        public void setVariable(String name, Object value) {
            variables.put(name, value);
        }

        @Override
        public Optional<Shard> shard() {
            return Optional.empty();
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }
    }
}

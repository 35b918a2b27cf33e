package io.chronoflow.worker.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chronoflow.worker.BpmnError;
import io.chronoflow.worker.Task;
import io.chronoflow.worker.TaskContext;
import io.chronoflow.worker.TaskHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in HTTP task (topic {@value #TOPIC}): calls a serverless function or a webhook as the task element's
 * {@code camunda:properties} describe it and maps the answer onto the run.
 *
 * <ul>
 *   <li>{@code chronoflow.http.url} (required): {@code ${name}} placeholders are filled from the run's variables,
 *       percent-encoded.
 *   <li>{@code chronoflow.http.method}: default {@code POST}.
 *   <li>{@code chronoflow.http.headers}: a JSON object of header name to value template.
 *   <li>{@code chronoflow.http.body}: a JSON template; a string that is exactly {@code ${name}} becomes the variable's
 *       JSON value, placeholders inside longer strings are filled in as text. Absent: no body.
 *   <li>{@code chronoflow.http.timeout}: ISO-8601, default {@code PT30S}, for the whole exchange.
 *   <li>{@code chronoflow.http.success}: statuses that complete the task, default {@code 200-299}.
 *   <li>{@code chronoflow.http.result}: prefix of the result variables {@code <prefix>Status} and {@code <prefix>Body}
 *       (parsed JSON when the response says it is JSON, else text), default {@code http}.
 * </ul>
 *
 * <p>{@code ${secret:NAME}} anywhere in the URL, header values or body is resolved from the worker's {@link SecretSource}
 * at call time; models hold only the name. A secret's value never appears in what the task reports: failures name the
 * call by its templates, and any response text is redacted before it is stored or reported.
 *
 * <p>Outcomes: a success status completes the task with the result variables. Any other 4xx except 408 and 429 throws
 * the {@link BpmnError} {@code HTTP_<status>} with the same variables, for an error boundary event to catch. 5xx, 408,
 * 429, 3xx (redirects are not followed), timeouts, connection errors, a missing secret or variable and invalid
 * properties throw {@link HttpTaskException}: the worker retries with back-off ({@code chronoflow.retries},
 * {@code chronoflow.retry-backoff}) and the engine opens an incident once the retries are spent.
 */
public final class HttpTask implements TaskHandler {

    /** The topic of the built-in HTTP task. */
    public static final String TOPIC = "chronoflow.http";

    private static final Logger log = LoggerFactory.getLogger(HttpTask.class);
    private static final int EXCERPT = 300;

    private final SecretSource secrets;
    private final HttpClient client;
    private final ObjectMapper json;

    /** An HTTP task with its own client (keep-alive, redirects not followed), resolving secrets from {@code secrets}. */
    public HttpTask(SecretSource secrets) {
        this(
                secrets,
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build());
    }

    /** The same on a client of your own (proxy, TLS); share one client between calls, it pools connections. */
    public HttpTask(SecretSource secrets, HttpClient client) {
        if (secrets == null || client == null) {
            throw new IllegalArgumentException("an HTTP task needs a secret source and an HTTP client");
        }
        this.secrets = secrets;
        this.client = client;
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Override
    public void handle(Task task, TaskContext context) throws HttpTaskException, InterruptedException {
        HttpCall call = HttpCall.of(task.properties(), json);
        Placeholders placeholders = new Placeholders(task.variables(), secrets, json);
        HttpResponse<byte[]> response = send(call, request(call, placeholders));
        int status = response.statusCode();
        String text = placeholders.redact(text(response));
        log.debug("task {}: {} answered HTTP {}", task.id(), call.describe(), status);
        if (call.success().contains(status)) {
            context.setVariable(call.statusVariable(), status);
            context.setVariable(call.bodyVariable(), body(response, text));
            return;
        }
        String answered = call.describe() + " answered HTTP " + status + excerpt(text);
        if (isBusinessError(status)) {
            context.setVariable(call.statusVariable(), status);
            context.setVariable(call.bodyVariable(), body(response, text));
            throw new BpmnError("HTTP_" + status, answered);
        }
        throw new HttpTaskException(answered);
    }

    /** The caller's fault, which a retry does not mend: every 4xx but 408 (request timeout) and 429 (rate limited). */
    static boolean isBusinessError(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }

    private HttpRequest request(HttpCall call, Placeholders placeholders) throws HttpTaskException {
        URI uri;
        try {
            uri = new URI(placeholders.url(call.url(), HttpCall.URL));
        } catch (URISyntaxException e) {
            // The exception echoes the filled-in URL, which may hold a secret: name the template instead.
            throw new HttpTaskException(
                    HttpCall.URL + " is not a valid URL once its placeholders are filled in: " + call.url());
        }
        if (uri.getHost() == null) {
            throw new HttpTaskException(
                    HttpCall.URL + " has no host once its placeholders are filled in: " + call.url());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(call.timeout());
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            // No h2c upgrade attempt on plain HTTP: some function runtimes and proxies mishandle it.
            request.version(HttpClient.Version.HTTP_1_1);
        }
        boolean contentType = false;
        for (Map.Entry<String, String> header : call.headers().entrySet()) {
            String value = placeholders.text(header.getValue(), HttpCall.HEADERS);
            try {
                request.header(header.getKey(), value);
            } catch (IllegalArgumentException e) {
                // As above: the JDK's message quotes the value.
                throw new HttpTaskException(HttpCall.HEADERS + ": header '" + header.getKey()
                        + "' cannot be sent (a header the client sets itself, or a value with line breaks once filled"
                        + " in)");
            }
            contentType |= header.getKey().equalsIgnoreCase("Content-Type");
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (call.body() != null) {
            JsonNode filled = placeholders.json(call.body(), HttpCall.BODY);
            try {
                body = HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(filled));
            } catch (JsonProcessingException e) {
                throw new HttpTaskException(HttpCall.BODY + " cannot be written as JSON once filled in");
            }
            if (!contentType) {
                request.header("Content-Type", "application/json");
            }
        }
        return request.method(call.method(), body).build();
    }

    private HttpResponse<byte[]> send(HttpCall call, HttpRequest request)
            throws HttpTaskException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            // The request timeout ends the wait for the response headers; this bounds the body too.
            return exchange.get(call.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw timedOut(call);
        } catch (InterruptedException e) {
            exchange.cancel(true); // the worker cancelled the task: abandon the exchange
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(call);
            }
            // Only the exception's type: a connection error's message may quote the filled-in address.
            throw new HttpTaskException(call.describe() + " failed: "
                    + (cause == null ? e : cause).getClass().getName());
        }
    }

    private static HttpTaskException timedOut(HttpCall call) {
        return new HttpTaskException(
                call.describe() + " timed out after " + call.timeout() + " (" + HttpCall.TIMEOUT + ")");
    }

    private static String text(HttpResponse<byte[]> response) {
        byte[] bytes = response.body();
        return bytes == null || bytes.length == 0 ? "" : new String(bytes, charset(response));
    }

    private Object body(HttpResponse<byte[]> response, String text) {
        if (text.isEmpty()) {
            return null;
        }
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String mediaType = type.split(";", 2)[0].strip();
        if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
            try {
                return json.readValue(text, Object.class);
            } catch (JsonProcessingException notJsonAfterAll) {
                return text;
            }
        }
        return text;
    }

    private static Charset charset(HttpResponse<?> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        for (String parameter : type.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                try {
                    return Charset.forName(pair[1].strip().replace("\"", ""));
                } catch (IllegalArgumentException unknown) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String excerpt(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.isEmpty()) {
            return "";
        }
        return ": " + (flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…");
    }
}

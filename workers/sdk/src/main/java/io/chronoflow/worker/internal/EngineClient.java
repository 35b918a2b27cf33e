package io.chronoflow.worker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoflow.worker.Task;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's side of the Camunda 7 external-task REST protocol ({@code /external-task/fetchAndLock}, {@code
 * complete}, {@code failure}, {@code bpmnError}, {@code extendLock}, {@code unlock}), spoken to a list of engine nodes:
 * a node that cannot be reached is skipped and the call goes to the next one.
 */
public final class EngineClient {

    private static final Logger log = LoggerFactory.getLogger(EngineClient.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final String ENGINE_REST = "/engine-rest";
    /** Relative to an {@code /engine-rest} base: the routed fetch of the same engine node. */
    private static final String DISPATCH = "/../api/v1/dispatch/fetch-and-lock";

    private static final String DISPATCH_CANCEL = "/../api/v1/dispatch/cancel";

    private static final String DISPATCH_COMPLETE = "/../api/v1/dispatch/complete";

    private final List<String> urls;
    private final String authorization;
    private final ObjectMapper json;
    private final Variables variables;
    private final HttpClient http;
    private final AtomicInteger current = new AtomicInteger();
    private final int weight;
    private final boolean registered;
    private volatile boolean routed;
    private volatile boolean batchComplete;

    /**
     * @param routed fetch through Chronoflow's routed dispatch ({@code /api/v1/dispatch/fetch-and-lock} beside each
     *     {@code /engine-rest}); an engine without it (plain Camunda) makes the client fall back to fetchAndLock.
     */
    public EngineClient(
            List<String> urls,
            String authorization,
            ObjectMapper json,
            boolean routed,
            int weight,
            boolean registered) {
        this.urls = urls.stream()
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
                .toList();
        this.authorization = authorization;
        this.json = json;
        this.variables = new Variables(json);
        this.weight = weight;
        this.registered = registered;
        this.routed = routed && this.urls.stream().allMatch(u -> u.endsWith(ENGINE_REST));
        this.batchComplete = this.routed;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Fetches and locks up to {@code maxTasks} tasks, waiting up to {@code longPoll} for the first one.
     *
     * @param topics each topic with the variables its handler reads (null: all of them).
     */
    public List<Task> fetchAndLock(
            String workerId, int maxTasks, Duration longPoll, Map<String, List<String>> topics, Duration lockDuration) {
        ObjectNode body = json.createObjectNode()
                .put("workerId", workerId)
                .put("maxTasks", maxTasks)
                .put("usePriority", true)
                .put("asyncResponseTimeout", longPoll.toMillis());
        ArrayNode topicList = body.putArray("topics");
        topics.forEach((topic, variableNames) -> {
            ObjectNode entry = topicList
                    .addObject()
                    .put("topicName", topic)
                    .put("lockDuration", lockDuration.toMillis())
                    .put("includeExtensionProperties", true);
            if (variableNames != null) {
                variableNames.forEach(entry.putArray("variables")::add);
            }
        });
        JsonNode response;
        if (routed) {
            body.put("weight", weight).put("registered", registered);
            try {
                response = call(DISPATCH, body, longPoll.plus(CALL_TIMEOUT));
            } catch (EngineRejectedException e) {
                if (e.status() != 404) {
                    throw e;
                }
                log.info("the engine has no routed dispatch (plain Camunda?); fetching with fetchAndLock");
                routed = false;
                batchComplete = false;
                body.remove("weight");
                body.remove("registered");
                response = call("/external-task/fetchAndLock", body, longPoll.plus(CALL_TIMEOUT));
            }
        } else {
            response = call("/external-task/fetchAndLock", body, longPoll.plus(CALL_TIMEOUT));
        }
        List<Task> tasks = new ArrayList<>();
        for (JsonNode t : response) {
            tasks.add(task(t));
        }
        return tasks;
    }

    /** Tells the routed dispatch that this worker stops polling, so no more tasks are locked to it. Best effort. */
    public void cancelFetch(String workerId) {
        if (!routed) {
            return;
        }
        try {
            call(DISPATCH_CANCEL, json.createObjectNode().put("workerId", workerId), Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.debug("could not cancel the waiting fetch of {}", workerId, e);
        }
    }

    public void complete(String taskId, String workerId, Map<String, Object> values) {
        ObjectNode body = json.createObjectNode().put("workerId", workerId);
        body.set("variables", variables.toTyped(values));
        call("/external-task/" + taskId + "/complete", body, CALL_TIMEOUT);
    }

    /** True while completions go in batches through the routed dispatch ({@link #completeBatch}). */
    public boolean batchesCompletions() {
        return batchComplete;
    }

    /** What the engine did with a batch: the tasks it completed, and the refused ones with the reason. */
    public record BatchResult(Set<String> completed, Map<String, String> refused) {}

    /**
     * Completes tasks in one request and one engine transaction ({@code /api/v1/dispatch/complete}). An engine without
     * the endpoint answers 404, after which {@link #batchesCompletions()} is false.
     */
    BatchResult completeBatch(String workerId, List<Completions.Completion> completions) {
        ObjectNode body = json.createObjectNode().put("workerId", workerId);
        ArrayNode tasks = body.putArray("tasks");
        for (Completions.Completion completion : completions) {
            ObjectNode task = tasks.addObject().put("id", completion.taskId());
            if (!completion.variables().isEmpty()) {
                task.set("variables", variables.toTyped(completion.variables()));
            }
        }
        JsonNode answer;
        try {
            answer = call(DISPATCH_COMPLETE, body, CALL_TIMEOUT);
        } catch (EngineRejectedException e) {
            if (e.status() == 404) {
                log.info("the engine has no batch completion; completing tasks one by one");
                batchComplete = false;
            }
            throw e;
        }
        Set<String> completed = new HashSet<>();
        answer.path("completed").forEach(id -> completed.add(id.asText()));
        Map<String, String> refused = new HashMap<>();
        answer.path("refused")
                .forEach(
                        r -> refused.put(r.path("id").asText(), r.path("reason").asText()));
        return new BatchResult(completed, refused);
    }

    public void failure(
            String taskId, String workerId, String message, String details, int retries, Duration retryTimeout) {
        ObjectNode body = json.createObjectNode()
                .put("workerId", workerId)
                .put("errorMessage", truncate(message, 600))
                .put("errorDetails", details)
                .put("retries", retries)
                .put("retryTimeout", retryTimeout.toMillis());
        call("/external-task/" + taskId + "/failure", body, CALL_TIMEOUT);
    }

    public void bpmnError(String taskId, String workerId, String code, String message, Map<String, Object> values) {
        ObjectNode body = json.createObjectNode()
                .put("workerId", workerId)
                .put("errorCode", code)
                .put("errorMessage", truncate(message, 600));
        body.set("variables", variables.toTyped(values));
        call("/external-task/" + taskId + "/bpmnError", body, CALL_TIMEOUT);
    }

    public void extendLock(String taskId, String workerId, Duration newDuration) {
        ObjectNode body = json.createObjectNode().put("workerId", workerId).put("newDuration", newDuration.toMillis());
        call("/external-task/" + taskId + "/extendLock", body, CALL_TIMEOUT);
    }

    public void unlock(String taskId) {
        call("/external-task/" + taskId + "/unlock", json.createObjectNode(), CALL_TIMEOUT);
    }

    private Task task(JsonNode t) {
        Map<String, String> properties = new LinkedHashMap<>();
        t.path("extensionProperties")
                .fields()
                .forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
        return new Task(
                t.path("id").asText(),
                t.path("topicName").asText(),
                t.path("processDefinitionKey").asText(null),
                t.path("processInstanceId").asText(null),
                t.path("activityId").asText(null),
                t.hasNonNull("businessKey") ? t.get("businessKey").asText() : null,
                t.hasNonNull("retries") ? t.get("retries").asInt() : null,
                t.path("priority").asLong(0),
                t.hasNonNull("lockExpirationTime")
                        ? parseDate(t.get("lockExpirationTime").asText())
                        : null,
                variables.fromTyped(t.get("variables")),
                properties);
    }

    private static Instant parseDate(String text) {
        return OffsetDateTime.parse(text, Variables.DATE).toInstant();
    }

    /** POSTs to the current node; on a connection failure moves on to the next node, once round the list. */
    private JsonNode call(String path, JsonNode body, Duration timeout) {
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("request body cannot be written", e);
        }
        IOException last = null;
        for (int attempt = 0; attempt < urls.size(); attempt++) {
            int index = current.get();
            String base = urls.get(index % urls.size());
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(base + path).normalize())
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() >= 400) {
                    throw new EngineRejectedException(
                            response.statusCode(),
                            "engine answered " + response.statusCode() + " to " + path + ": "
                                    + truncate(new String(response.body()), 500));
                }
                return response.body().length == 0 ? json.nullNode() : json.readTree(response.body());
            } catch (IOException e) {
                last = e;
                current.compareAndSet(index, index + 1);
                if (urls.size() > 1) {
                    log.debug("engine node {} unreachable ({}), trying the next one", base, e.toString());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineUnreachableException("interrupted while calling " + path, e);
            }
        }
        throw new EngineUnreachableException("no engine node reachable at " + urls + ": " + last, last);
    }

    private static String truncate(String s, int max) {
        if (s == null) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max);
    }
}

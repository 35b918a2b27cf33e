package io.chronoflow.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for the engine's external-task REST endpoints, for testing the worker's own behaviour (capacity, lock
 * extension, reporting) without an engine: it hands out queued tasks and records every request. By default it is a plain
 * Camunda engine (Chronoflow's {@code /api/v1/dispatch} answers 404); {@link #routed()} makes it serve the routed fetch
 * and the batch completion too. The integration tests run the same worker against the real engine.
 */
final class FakeEngine implements AutoCloseable {

    record Request(String path, JsonNode body) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Deque<ObjectNode> queue = new ConcurrentLinkedDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private volatile boolean routed;

    FakeEngine() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/engine-rest/external-task/", this::handle);
        server.createContext("/api/v1/dispatch/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/engine-rest";
    }

    /** Serves Chronoflow's routed fetch and batch completion from now on. */
    FakeEngine routed() {
        routed = true;
        return this;
    }

    /** A batch completion refuses this task, as the engine does when another worker holds it now. */
    void refuse(String taskId) {
        refused.add(taskId);
    }

    /** Queues a task of {@code topic}; {@code retries} null means it never failed. */
    ObjectNode addTask(String id, String topic, Integer retries) {
        ObjectNode task = JSON.createObjectNode()
                .put("id", id)
                .put("topicName", topic)
                .put("processDefinitionKey", "job")
                .put("processInstanceId", "run-" + id)
                .put("activityId", "act")
                .put("priority", 0);
        if (retries != null) {
            task.put("retries", retries);
        }
        task.putObject("variables");
        task.putObject("extensionProperties");
        queue.add(task);
        return task;
    }

    List<Request> requests(String suffix) {
        List<Request> matching = new ArrayList<>();
        for (Request r : requests) {
            if (r.path().endsWith(suffix)) {
                matching.add(r);
            }
        }
        return matching;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        requests.add(new Request(path, body));
        byte[] response;
        if (path.startsWith("/api/v1/") && !routed) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        if (path.endsWith("/dispatch/complete")) {
            ObjectNode result = JSON.createObjectNode();
            ArrayNode completed = result.putArray("completed");
            ArrayNode refusals = result.putArray("refused");
            for (JsonNode task : body.get("tasks")) {
                String id = task.get("id").asText();
                if (refused.contains(id)) {
                    refusals.addObject().put("id", id).put("reason", "locked by worker-b");
                } else {
                    completed.add(id);
                }
            }
            response = JSON.writeValueAsBytes(result);
            exchange.sendResponseHeaders(200, response.length);
        } else if (path.endsWith("/fetchAndLock") || path.endsWith("/fetch-and-lock")) {
            ArrayNode tasks = JSON.createArrayNode();
            int max = body.get("maxTasks").asInt();
            long deadline = System.currentTimeMillis()
                    + Math.min(200, body.get("asyncResponseTimeout").asLong());
            while (tasks.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ObjectNode t; tasks.size() < max && (t = queue.poll()) != null; ) {
                    tasks.add(t);
                }
                if (tasks.isEmpty()) {
                    sleep();
                }
            }
            response = JSON.writeValueAsBytes(tasks);
            exchange.sendResponseHeaders(200, response.length);
        } else {
            response = new byte[0];
            exchange.sendResponseHeaders(204, -1);
        }
        if (response.length > 0) {
            exchange.getResponseBody().write(response);
        }
        exchange.close();
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.chronoflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoflow.testkit.EngineHttp;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The {@code /engine-rest} calls the harness makes on the nodes of one Camunda-based system (Chronoflow's engine
 * cluster, vanilla Camunda): deploy a model, start instances {@value #CALLS_PER_NODE} calls at a time per node,
 * suspend or activate a definition with its instances. Any answer but 2xx fails the call.
 */
final class EngineRest {

    /** Concurrent {@code /engine-rest} calls per node while creating instances. */
    static final int CALLS_PER_NODE = 4;

    private final String system;
    private final List<EngineHttp> nodes;
    private final Progress progress;

    /** {@code nodes}: one client per node, each on the node's base URL (the paths start with {@code /engine-rest}). */
    EngineRest(String system, List<EngineHttp> nodes, Progress progress) {
        this.system = system;
        this.nodes = List.copyOf(nodes);
        this.progress = progress;
    }

    int size() {
        return nodes.size();
    }

    /** Deploys {@code model} under the name {@code resource} through the first node, with duplicate filtering. */
    void deploy(String resource, byte[] model) {
        expect(
                nodes.get(0)
                        .postMultipart(
                                "/engine-rest/deployment/create",
                                Map.of("deployment-name", "bench", "enable-duplicate-filtering", "true"),
                                resource,
                                model),
                "deploy " + resource);
    }

    /** Starts {@code count} instances of {@code processKey}, without variables, spread over the nodes. */
    void startInstances(String processKey, int count) {
        onAllNodes(
                count,
                i -> expect(
                        nodes.get(i % nodes.size())
                                .postJson("/engine-rest/process-definition/key/" + processKey + "/start", "{}"),
                        "start " + processKey));
    }

    /**
     * Starts one instance of {@code processKey} through node {@code node} (0-based) with {@code body} (business key,
     * variables, as {@code /engine-rest} takes them); returns its id.
     */
    String start(int node, String processKey, ObjectNode body) {
        HttpResponse<String> response =
                nodes.get(node).postJson("/engine-rest/process-definition/key/" + processKey + "/start", body);
        expect(response, "start " + processKey);
        return EngineHttp.json(response).path("id").asText();
    }

    /** POSTs {@code body} to {@code path} on the first node; the answer's JSON, or an exception naming {@code what}. */
    JsonNode post(String path, ObjectNode body, String what) {
        HttpResponse<String> response = nodes.get(0).postJson(path, body);
        expect(response, what);
        return EngineHttp.json(response);
    }

    /** Suspends or activates a process definition with all its instances (and so their external tasks) at once. */
    void setSuspended(String processKey, boolean suspended) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("suspended", suspended);
        body.put("includeProcessInstances", true);
        expect(
                nodes.get(0).putJson("/engine-rest/process-definition/key/" + processKey + "/suspended", body),
                (suspended ? "suspend " : "activate ") + processKey);
    }

    /** Runs {@code call(i)} for i in [0, count) on {@value #CALLS_PER_NODE} threads per node, with progress. */
    void onAllNodes(int count, IntConsumer call) {
        AtomicInteger done = new AtomicInteger();
        try (CallPool calls = new CallPool(CALLS_PER_NODE * nodes.size())) {
            for (int i = 0; i < count; i++) {
                int index = i;
                calls.submit(() -> {
                    call.accept(index);
                    int n = done.incrementAndGet();
                    if (n % 5000 == 0) {
                        progress.say("%s: created %d of %d instances", system, n, count);
                    }
                    return null;
                });
            }
            calls.awaitAll(system + ": creating instances");
        }
    }

    private static void expect(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }
}

package io.chronoflow.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.engine.support.Models;
import io.chronoflow.testkit.EngineHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;

/**
 * After the example jobs ran and a failure, a compensation, a skipped and a queued fire were provoked, the engine's
 * scrape holds every Chronoflow metric family with its labels, and every metric the dashboards and alert rules query
 * exists in it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT extends EngineIntegrationTest {

    private static final Path DASHBOARDS =
            Path.of("..", "dashboards").toAbsolutePath().normalize();
    private static final Pattern METRIC =
            Pattern.compile("\\b((?:chronoflow|camunda|jvm|process|hikaricp|http_server|system)_[a-z0-9_]+|up)\\b");

    @Autowired
    EngineGauges gauges;

    private String scrape;

    @BeforeAll
    void provokeEveryMetric() {
        // A failure: an external task failed with no retries left opens an incident.
        deploy("it-metrics-fail", Models.externalTaskProcess("it-metrics-fail", "it.metrics.fail"));
        asAdmin().postJson("/engine-rest/process-definition/key/it-metrics-fail/start", Map.of());
        JsonNode locked = EngineHttp.json(asAdmin()
                .postJson(
                        "/engine-rest/external-task/fetchAndLock",
                        Map.of(
                                "workerId",
                                "it-metrics",
                                "maxTasks",
                                1,
                                "topics",
                                List.of(Map.of("topicName", "it.metrics.fail", "lockDuration", 60_000)))));
        asAdmin()
                .postJson(
                        "/engine-rest/external-task/" + locked.get(0).get("id").asText() + "/failure",
                        Map.of("workerId", "it-metrics", "errorMessage", "boom", "retries", 0, "retryTimeout", 0));
        // A compensation: the run books, then compensates the booking at once.
        deploy("it-metrics-compensation", compensatingProcess());
        asAdmin().postJson("/engine-rest/process-definition/key/it-metrics-compensation/start", Map.of());
        // Skipped and queued fires: jobs firing every second whose runs never end.
        deploy("it-metrics-skip", Models.overlappingProcess("it-metrics-skip", "R/PT1S", "it.metrics.none", "skip"));
        deploy("it-metrics-queue", Models.overlappingProcess("it-metrics-queue", "R/PT1S", "it.metrics.none", "queue"));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    gauges.refresh();
                    String body = asAdmin().get("/actuator/prometheus").body();
                    boolean ready = Stream.of(
                                    "chronoflow_job_fires_skipped_total{",
                                    "chronoflow_job_fires_queued_total{",
                                    "chronoflow_fires_total{",
                                    "chronoflow_dispatch_latency_seconds_count{",
                                    "chronoflow_timer_lag_seconds_count{",
                                    "chronoflow_incidents_open{",
                                    "chronoflow_job_runs_total{",
                                    "chronoflow_job_duration_seconds_bucket{")
                            .allMatch(body::contains);
                    if (ready) {
                        scrape = body;
                    }
                    return ready;
                });
        for (String job : List.of("it-metrics-skip", "it-metrics-queue")) {
            asAdmin().postJson("/api/v1/jobs/" + job + "/pause", "");
        }
    }

    @Test
    void everyChronoflowMetricFamilyIsScrapedWithItsLabels() {
        Map<String, List<String>> expected = Map.ofEntries(
                Map.entry("chronoflow_timer_lag_seconds_bucket", List.of("job_key", "le")),
                Map.entry("chronoflow_job_runs_total", List.of("job_key", "outcome")),
                Map.entry("chronoflow_job_duration_seconds_bucket", List.of("job_key", "le")),
                Map.entry("chronoflow_job_failures_total", List.of("job_key", "type")),
                Map.entry("chronoflow_incidents_open", List.of("job_key")),
                Map.entry("chronoflow_external_tasks_open", List.of("topic")),
                Map.entry("chronoflow_dispatch_latency_seconds_bucket", List.of("topic", "le")),
                Map.entry("chronoflow_workers_live", List.of("topic")),
                Map.entry("chronoflow_shard_lock_wait_seconds_bucket", List.of("le")),
                Map.entry("chronoflow_compensations_total", List.of("job_key")),
                Map.entry("chronoflow_job_fires_skipped_total", List.of("job_key", "reason")),
                Map.entry("chronoflow_job_fires_queued_total", List.of("job_key")),
                Map.entry("chronoflow_fires_total", List.of("job_key", "status")));
        expected.forEach((name, labels) -> {
            List<String> samples =
                    scrape.lines().filter(l -> l.startsWith(name + "{")).toList();
            assertThat(samples).as(name).isNotEmpty();
            assertThat(samples)
                    .as(name)
                    .anySatisfy(
                            sample -> labels.forEach(label -> assertThat(sample).contains(label + "=\"")));
        });
        assertThat(scrape)
                .contains("chronoflow_job_failures_total{")
                .contains("job_key=\"it-metrics-fail\"")
                .contains(
                        "chronoflow_compensations_total{application=\"chronoflow-engine\",job_key=\"it-metrics-compensation\"}")
                .contains("chronoflow_incidents_open{application=\"chronoflow-engine\",job_key=\"it-metrics-fail\"}")
                .contains(
                        "chronoflow_job_runs_total{application=\"chronoflow-engine\",job_key=\"heartbeat-report\",outcome=\"completed\"}");
        assertThat(scrape)
                .as("the engine's own metrics")
                .contains("camunda_engine_events_total{application=\"chronoflow-engine\",name=\"job-successful\"}")
                .contains(
                        "camunda_engine_events_total{application=\"chronoflow-engine\",name=\"activity-instance-start\"}");
        assertThat(scrape.lines().filter(l -> l.contains("process_instance") || l.contains("run_id")))
                .as("no unbounded labels")
                .isEmpty();
    }

    @Test
    void everyMetricTheDashboardsAndAlertRulesQueryIsScraped() throws IOException {
        Set<String> scraped = new HashSet<>();
        scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> scraped.add(l.split("[{ ]", 2)[0]));
        Set<String> queried = new TreeSet<>();
        try (Stream<Path> files = Files.walk(DASHBOARDS.resolve("grafana"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                EngineHttp.jsonOf(Files.readString(file))
                        .findValues("expr")
                        .forEach(e -> queried.addAll(names(e.asText())));
            }
        }
        Map<String, Object> rules = new Yaml()
                .load(Files.readString(DASHBOARDS.resolve("prometheus/chronoflow-alerts.yml"), StandardCharsets.UTF_8));
        for (Object group : (List<?>) rules.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                queried.addAll(names(String.valueOf(((Map<?, ?>) rule).get("expr"))));
            }
        }
        assertThat(queried).contains("chronoflow_timer_lag_seconds_bucket", "chronoflow_workers_live");
        queried.remove("up"); // made by Prometheus itself for every target
        assertThat(queried)
                .allSatisfy(name ->
                        assertThat(scraped).as("scraped metric %s", name).contains(name));
    }

    private static Set<String> names(String expr) {
        Set<String> names = new HashSet<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static byte[] compensatingProcess() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="urn:it">
                  <bpmn:process id="it-metrics-compensation" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="book"/>
                    <bpmn:task id="book"/>
                    <bpmn:boundaryEvent id="onUndo" attachedToRef="book"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>
                    <bpmn:task id="undo" isForCompensation="true"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="book" targetRef="compensate"/>
                    <bpmn:intermediateThrowEvent id="compensate"><bpmn:compensateEventDefinition/></bpmn:intermediateThrowEvent>
                    <bpmn:sequenceFlow id="f3" sourceRef="compensate" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                    <bpmn:association id="a1" associationDirection="One" sourceRef="onUndo" targetRef="undo"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.getBytes(StandardCharsets.UTF_8);
    }
}

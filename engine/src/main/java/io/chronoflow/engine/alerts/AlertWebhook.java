package io.chronoflow.engine.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.chronoflow.engine.config.ChronoflowProperties;
import io.chronoflow.engine.metrics.IncidentObserver.IncidentEvent;
import io.chronoflow.engine.metrics.MetricsPlugin;
import io.chronoflow.engine.metrics.RunMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The built-in alert webhook ({@code chronoflow.alerts.webhook-urls}): POSTs a JSON event to every URL when an incident
 * opens ({@code incident-opened}) or is resolved ({@code incident-resolved}), and when a job has failed {@code
 * failures-in-a-row} times without a completed run between ({@code job-failing}). Deliveries run on their own threads,
 * after the engine's transaction committed, and are retried with back-off; one that still fails is logged ({@code
 * CF-ALERT-001}) and counted in {@code chronoflow_alerts_webhook_failures_total}. The failure streaks live in each node's
 * memory: a node counts the failures it sees.
 */
@Component
public class AlertWebhook implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertWebhook.class);

    private final List<URI> urls;
    private final ChronoflowProperties.Alerts settings;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final ExecutorService deliveries;
    private final RetryPolicy<HttpResponse<Void>> retries;
    private final Counter delivered;
    private final Counter failed;
    private final Map<String, Integer> streaks = new ConcurrentHashMap<>();

    public AlertWebhook(
            ChronoflowProperties properties,
            MetricsPlugin events,
            ObjectMapper json,
            MeterRegistry meters,
            Clock clock) {
        this.settings = properties.alerts();
        this.urls = List.copyOf(settings.webhookUrls());
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.deliveries = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "cf-alert-webhook");
            t.setDaemon(true);
            return t;
        });
        this.retries = RetryPolicy.<HttpResponse<Void>>builder()
                .handleResultIf(response -> response.statusCode() >= 300)
                .handle(Exception.class)
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(30))
                .withMaxAttempts(Math.max(1, settings.maxAttempts()))
                .build();
        this.delivered = Counter.builder("chronoflow.alerts.webhook.deliveries")
                .description("Alert events delivered to a webhook")
                .register(meters);
        this.failed = Counter.builder("chronoflow.alerts.webhook.failures")
                .description("Alert events given up after every retry")
                .register(meters);
        if (!urls.isEmpty()) {
            events.onIncident(this::incident);
            events.onRunEnded(this::runEnded);
        }
    }

    private void incident(IncidentEvent event) {
        ObjectNode body = event(event.kind(), event.job());
        body.put("incidentType", event.incidentType());
        body.put("runId", event.runId());
        body.put("activityId", event.activityId());
        body.put("error", event.message());
        send(body);
        if (IncidentEvent.OPENED.equals(event.kind())) {
            int streak = streaks.merge(event.job(), 1, Integer::sum);
            if (streak == settings.failuresInARow()) {
                ObjectNode failing = event("job-failing", event.job());
                failing.put("failuresInARow", streak);
                failing.put("lastError", event.message());
                send(failing);
            }
        }
    }

    private void runEnded(RunMetrics.RunEnded run) {
        if (RunMetrics.COMPLETED.equals(run.outcome())) {
            streaks.remove(run.job());
        }
    }

    private ObjectNode event(String kind, String job) {
        ObjectNode body = json.createObjectNode();
        body.put("event", kind);
        body.put("job", job);
        body.put("at", clock.instant().toString());
        return body;
    }

    private void send(ObjectNode body) {
        String payload = body.toString();
        for (URI url : urls) {
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload))
                    .build();
            Failsafe.with(retries)
                    .with(deliveries)
                    .getAsync(() -> http.send(request, HttpResponse.BodyHandlers.discarding()))
                    .whenComplete((response, error) -> {
                        if (error == null && response.statusCode() < 300) {
                            delivered.increment();
                            return;
                        }
                        failed.increment();
                        log.warn(
                                "CF-ALERT-001 {} event for job {} not delivered to {} after {} attempts: {}",
                                body.path("event").asText(),
                                body.path("job").asText(),
                                url.getHost() + ":" + url.getPort(),
                                settings.maxAttempts(),
                                error != null ? error.toString() : "HTTP " + response.statusCode());
                    });
        }
    }

    @Override
    public void close() {
        deliveries.shutdown();
    }
}

package io.chronoflow.engine.demo;

import io.chronoflow.engine.config.ChronoflowProperties;
import io.chronoflow.engine.security.InternalWorkerCredentials;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Map;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.backoff.ExponentialErrorBackoffStrategy;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The in-process worker for the example jobs. It is an ordinary external-task worker: it long-polls this node's
 * {@code /engine-rest} over HTTP with the Camunda external-task client, authenticated with the in-memory worker
 * credential, exactly as a worker in another process would. Disable it in production with {@code
 * CHRONOFLOW_DEMO_WORKER_ENABLED=false}.
 */
@Component
@ConditionalOnProperty(name = "chronoflow.demo-worker.enabled", havingValue = "true", matchIfMissing = true)
public class DemoWorker implements SmartLifecycle {

    /** The topic of the {@code heartbeat-report} example job. */
    public static final String REPORT_TOPIC = "demo.report";

    private static final Logger log = LoggerFactory.getLogger(DemoWorker.class);

    private final ChronoflowProperties.DemoWorker settings;
    private final InternalWorkerCredentials credentials;
    private final Environment environment;
    private final Clock clock;
    private final String workerId;
    private volatile ExternalTaskClient client;

    public DemoWorker(
            ChronoflowProperties properties,
            InternalWorkerCredentials credentials,
            Environment environment,
            Clock clock) {
        this.settings = properties.demoWorker();
        this.credentials = credentials;
        this.environment = environment;
        this.clock = clock;
        this.workerId = "chronoflow-demo@" + hostName();
    }

    /** Starts polling once the web server answers, since the worker talks to it over HTTP. */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void onReady() {
        if (client != null) {
            return;
        }
        String engineUrl = engineUrl();
        client = ExternalTaskClient.create()
                .baseUrl(engineUrl)
                .workerId(workerId)
                .addInterceptor(new BasicAuthProvider(credentials.username(), credentials.password()))
                .maxTasks(4)
                .asyncResponseTimeout(settings.longPoll().toMillis())
                .lockDuration(settings.lockDuration().toMillis())
                // Long polling does the waiting; back off only while the engine cannot be reached.
                .backoffStrategy(new ExponentialErrorBackoffStrategy(500, 2, 30_000))
                .build();
        client.subscribe(REPORT_TOPIC).handler(this::report).open();
        log.info("demo worker {} polling {} for topic {}", workerId, engineUrl, REPORT_TOPIC);
    }

    void report(ExternalTask task, ExternalTaskService service) {
        service.complete(task, Map.of("reportedAt", clock.instant().toString(), "reportedBy", workerId));
    }

    private String engineUrl() {
        if (settings.engineUrl() != null && !settings.engineUrl().isBlank()) {
            return settings.engineUrl();
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        return "http://127.0.0.1:" + port + contextPath + "/engine-rest";
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public void start() {
        // Polling starts on ApplicationReadyEvent, when the HTTP port is known and open.
    }

    @Override
    public synchronized void stop() {
        if (client != null) {
            client.stop();
            client = null;
        }
    }

    @Override
    public boolean isRunning() {
        return client != null;
    }

    @Override
    public int getPhase() {
        // Stop before the web server (which stops at SmartLifecycle.DEFAULT_PHASE - 1024) closes its connections.
        return Integer.MAX_VALUE;
    }
}

package io.chronoflow.engine.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chronoflow.engine.config.ChronoflowProperties;
import io.chronoflow.engine.security.InternalWorkerCredentials;
import io.chronoflow.examples.HeartbeatReport;
import io.chronoflow.examples.ShardSync;
import io.chronoflow.examples.saga.Payment;
import io.chronoflow.examples.saga.Shipping;
import io.chronoflow.examples.saga.Stock;
import io.chronoflow.worker.ChronoflowWorker;
import io.chronoflow.worker.TaskHandler;
import io.chronoflow.worker.internal.Host;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The in-process worker for the example jobs. It is an ordinary Chronoflow worker built with the worker SDK: it
 * long-polls this node's {@code /engine-rest} over HTTP, authenticated with the in-memory worker credential, takes
 * shard locks in Redis and registers itself, exactly as a worker in another process does. The sharded example writes to
 * its own database ({@code chronoflow.demo-worker.target-db-url}), never to the engine's. Disable it in production with
 * {@code CHRONOFLOW_DEMO_WORKER_ENABLED=false}.
 */
@Component
@ConditionalOnProperty(name = "chronoflow.demo-worker.enabled", havingValue = "true", matchIfMissing = true)
public class DemoWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoWorker.class);

    /** The product the demo's orders buy (see docs/sagas.md for starting an order). */
    public static final String DEMO_SKU = "demo-widget";

    private final ChronoflowProperties properties;
    private final InternalWorkerCredentials credentials;
    private final RedissonClient redisson;
    private final MeterRegistry meters;
    private final Environment environment;
    private final Clock clock;
    private final String workerId;
    private HikariDataSource target;
    private final List<HikariDataSource> sagaDatabases = new ArrayList<>();
    private ChronoflowWorker worker;

    public DemoWorker(
            ChronoflowProperties properties,
            InternalWorkerCredentials credentials,
            RedissonClient redisson,
            MeterRegistry meters,
            Environment environment,
            Clock clock) {
        this.properties = properties;
        this.credentials = credentials;
        this.redisson = redisson;
        this.meters = meters;
        this.environment = environment;
        this.clock = clock;
        this.workerId = "chronoflow-demo@" + Host.NAME;
    }

    /** Starts polling once the web server answers, since the worker talks to it over HTTP. */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void onReady() throws SQLException {
        if (worker != null) {
            return;
        }
        ChronoflowProperties.DemoWorker settings = properties.demoWorker();
        target = targetDatabase(settings);
        String engineUrl = engineUrl(settings);
        ChronoflowWorker.Builder builder = ChronoflowWorker.builder()
                .engineUrl(engineUrl)
                .basicAuth(credentials.username(), credentials.password())
                .workerId(workerId)
                .capacity(settings.capacity())
                .longPoll(settings.longPoll())
                .lockDuration(settings.lockDuration())
                .redisson(redisson)
                .keyPrefix(properties.redis().keyPrefix())
                .meterRegistry(meters)
                .clock(clock)
                .tags("demo", "in-process")
                .handler(HeartbeatReport.TOPIC, new HeartbeatReport(workerId))
                .handler(ShardSync.TOPIC, new ShardSync(target, workerId).createTable());
        if (settings.saga()) {
            sagaHandlers().forEach(builder::handler);
        }
        worker = builder.build().start();
        log.info("demo worker {} polling {}", workerId, engineUrl);
    }

    /** The saga's three services, each on its own H2 database under the data directory. */
    private Map<String, TaskHandler> sagaHandlers() throws SQLException {
        Map<String, TaskHandler> handlers = new HashMap<>();
        handlers.putAll(new Stock(sagaDatabase("saga-stock"))
                .createTables()
                .stockUp(DEMO_SKU, 1_000_000)
                .handlers());
        handlers.putAll(new Payment(sagaDatabase("saga-payment")).createTables().handlers());
        handlers.putAll(
                new Shipping(sagaDatabase("saga-shipping")).createTables().handlers());
        return handlers;
    }

    private HikariDataSource sagaDatabase(String name) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("demo-" + name);
        config.setJdbcUrl(
                "jdbc:h2:file:" + properties.dataDir().toAbsolutePath().resolve(name));
        config.setMaximumPoolSize(2);
        HikariDataSource database = new HikariDataSource(config);
        sagaDatabases.add(database);
        return database;
    }

    private HikariDataSource targetDatabase(ChronoflowProperties.DemoWorker settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("demo-target");
        config.setJdbcUrl(
                settings.targetDbUrl() != null
                        ? settings.targetDbUrl()
                        : "jdbc:h2:file:"
                                + properties.dataDir().toAbsolutePath().resolve("example-target"));
        if (settings.targetDbUser() != null) {
            config.setUsername(settings.targetDbUser());
        }
        if (settings.targetDbPassword() != null) {
            config.setPassword(settings.targetDbPassword());
        }
        config.setMaximumPoolSize(Math.max(2, settings.capacity()));
        return new HikariDataSource(config);
    }

    private String engineUrl(ChronoflowProperties.DemoWorker settings) {
        if (settings.engineUrl() != null && !settings.engineUrl().isBlank()) {
            return settings.engineUrl();
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        return "http://127.0.0.1:" + port + contextPath + "/engine-rest";
    }

    @Override
    public void start() {
        // Polling starts on ApplicationReadyEvent, when the HTTP port is known and open.
    }

    @Override
    public synchronized void stop() {
        if (worker != null) {
            worker.close();
            worker = null;
        }
        if (target != null) {
            target.close();
            target = null;
        }
        sagaDatabases.forEach(HikariDataSource::close);
        sagaDatabases.clear();
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    @Override
    public int getPhase() {
        // Stop before the web server (which stops at SmartLifecycle.DEFAULT_PHASE - 1024) closes its connections.
        return Integer.MAX_VALUE;
    }
}

package io.chronoflow.workerapp;

import io.chronoflow.examples.HeartbeatReport;
import io.chronoflow.examples.ShardSync;
import io.chronoflow.worker.TaskHandler;
import io.chronoflow.worker.spring.ChronoflowWorkerProperties;
import io.chronoflow.worker.spring.TopicHandler;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The runnable worker: the example handlers and the built-in HTTP task ({@code chronoflow.http}, served by the
 * starter because application.yml sets {@code chronoflow.worker.http.enabled}; its secrets are the environment's
 * {@code CHRONOFLOW_SECRET_*} variables) on the auto-configured Chronoflow worker. Configured by environment (see
 * application.yml): CHRONOFLOW_ENGINE_URL, CHRONOFLOW_WORKER_TOKEN or CHRONOFLOW_WORKER_USER/_PASSWORD,
 * CHRONOFLOW_REDIS_URL, CHRONOFLOW_WORKER_ID, CHRONOFLOW_WORKER_WEIGHT, CHRONOFLOW_EXAMPLE_DB_URL,
 * CHRONOFLOW_EXAMPLE_ITEMS_JDBC_URL ({@link ItemsExample}), CHRONOFLOW_HTTP_ENABLED.
 */
@SpringBootApplication
public class ChronoflowWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChronoflowWorkerApplication.class, args);
    }

    @Bean
    @TopicHandler(HeartbeatReport.TOPIC)
    TaskHandler heartbeatReport(ChronoflowWorkerProperties worker) {
        return new HeartbeatReport(worker.getId() == null ? "chronoflow-worker" : worker.getId());
    }

    /** The sharded example writes to the example database (spring.datasource, CHRONOFLOW_EXAMPLE_DB_URL). */
    @Bean
    @TopicHandler(ShardSync.TOPIC)
    TaskHandler shardSync(
            DataSource exampleDatabase,
            ChronoflowWorkerProperties worker,
            @Value("${chronoflow.example.shard-work:PT0S}") Duration work)
            throws SQLException {
        return new ShardSync(exampleDatabase, worker.getId() == null ? "chronoflow-worker" : worker.getId(), work)
                .createTable();
    }
}

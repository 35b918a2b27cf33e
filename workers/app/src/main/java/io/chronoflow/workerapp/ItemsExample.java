package io.chronoflow.workerapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chronoflow.examples.items.ItemsUpdate;
import io.chronoflow.worker.spring.ChronoflowWorkerCustomizer;
import io.chronoflow.worker.spring.ChronoflowWorkerProperties;
import java.sql.SQLException;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The per-item example ({@link ItemsUpdate}, topic {@value ItemsUpdate#TOPIC}: a sharded job writing many rows in
 * fenced batches) when {@code CHRONOFLOW_EXAMPLE_ITEMS_JDBC_URL} is set, on that database ({@code _USER}, {@code
 * _PASSWORD}); {@code CHRONOFLOW_EXAMPLE_ITEMS_BATCH} items per transaction (default 1,000), {@code
 * CHRONOFLOW_EXAMPLE_ITEMS_POOL_SIZE} connections at most (default: the worker's capacity). It fetches no variables but
 * the shard's.
 */
@Configuration
@ConditionalOnProperty(name = "chronoflow.example.items.jdbc-url")
public class ItemsExample implements AutoCloseable {

    private static final String PREFIX = "chronoflow.example.items.";

    private HikariDataSource database;

    @Bean
    ChronoflowWorkerCustomizer itemsHandler(Environment env, ChronoflowWorkerProperties worker) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("example-items");
        config.setJdbcUrl(env.getRequiredProperty(PREFIX + "jdbc-url"));
        config.setUsername(env.getProperty(PREFIX + "user"));
        config.setPassword(env.getProperty(PREFIX + "password", ""));
        config.setMaximumPoolSize(env.getProperty(PREFIX + "pool-size", Integer.class, worker.getCapacity()));
        config.setMinimumIdle(1);
        database = new HikariDataSource(config);
        ItemsUpdate handler = new ItemsUpdate(
                        database,
                        worker.getId() == null ? "chronoflow-worker" : worker.getId(),
                        env.getProperty(PREFIX + "batch", Integer.class, ItemsUpdate.DEFAULT_BATCH))
                .createTables();
        return builder -> builder.handler(ItemsUpdate.TOPIC, List.of(), handler);
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
    }
}

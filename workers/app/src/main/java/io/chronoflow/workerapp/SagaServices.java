package io.chronoflow.workerapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chronoflow.examples.saga.Payment;
import io.chronoflow.examples.saga.Shipping;
import io.chronoflow.examples.saga.Stock;
import io.chronoflow.worker.spring.ChronoflowWorkerCustomizer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The order-settlement saga's three services (stock, payment, shipping), each on its own database, when {@code
 * CHRONOFLOW_SAGA_ENABLED=true}: {@code CHRONOFLOW_SAGA_<SERVICE>_DB_URL}, {@code _USER}, {@code _PASSWORD} for
 * {@code STOCK}, {@code PAYMENT}, {@code SHIPPING} (default: H2 files under ./data, fine for one worker only).
 * {@code CHRONOFLOW_SAGA_STOCK_SKU}/{@code _LEVEL} stock a product when it is unknown.
 */
@Configuration
@ConditionalOnProperty(name = "chronoflow.saga.enabled", havingValue = "true")
public class SagaServices implements AutoCloseable {

    private final List<HikariDataSource> databases = new ArrayList<>();

    @Bean
    ChronoflowWorkerCustomizer sagaHandlers(Environment env) throws SQLException {
        Stock stock = new Stock(database(env, "stock")).createTables();
        String sku = env.getProperty("chronoflow.saga.stock.sku");
        if (sku != null && !sku.isBlank()) {
            stock.stockUp(sku, env.getProperty("chronoflow.saga.stock.level", Integer.class, 1_000_000));
        }
        Payment payment = new Payment(database(env, "payment")).createTables();
        Shipping shipping = new Shipping(database(env, "shipping")).createTables();
        return builder -> {
            stock.handlers().forEach(builder::handler);
            payment.handlers().forEach(builder::handler);
            shipping.handlers().forEach(builder::handler);
        };
    }

    private HikariDataSource database(Environment env, String service) {
        String prefix = "chronoflow.saga." + service + ".db-";
        HikariConfig config = new HikariConfig();
        config.setPoolName("saga-" + service);
        config.setJdbcUrl(env.getProperty(prefix + "url", "jdbc:h2:file:./data/saga-" + service));
        config.setUsername(env.getProperty(prefix + "user", "sa"));
        config.setPassword(env.getProperty(prefix + "password", ""));
        config.setMaximumPoolSize(env.getProperty("chronoflow.worker.capacity", Integer.class, 4) + 1);
        HikariDataSource database = new HikariDataSource(config);
        databases.add(database);
        return database;
    }

    @Override
    public void close() {
        databases.forEach(HikariDataSource::close);
    }
}

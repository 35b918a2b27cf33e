package io.chronoflow.engine.sagas;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chronoflow.engine.support.TestDatabase;
import io.chronoflow.examples.saga.Payment;
import io.chronoflow.examples.saga.Shipping;
import io.chronoflow.examples.saga.Stock;
import io.chronoflow.testkit.PostgresDatabase;
import io.chronoflow.worker.TaskHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The saga's three services on three PostgreSQL databases of their own (re-created per test class), each with its own
 * pool, and the queries the tests check the invariants with.
 */
final class SagaDatabases implements AutoCloseable {

    static final String SKU = "widget";
    static final int STOCK = 1_000_000;

    final HikariDataSource stock;
    final HikariDataSource payment;
    final HikariDataSource shipping;
    final Stock stockService;
    final Payment paymentService;
    final Shipping shippingService;

    SagaDatabases(String prefix) throws SQLException {
        stock = database(prefix + "_stock");
        payment = database(prefix + "_payment");
        shipping = database(prefix + "_shipping");
        stockService = new Stock(stock).createTables().stockUp(SKU, STOCK);
        paymentService = new Payment(payment).createTables();
        shippingService = new Shipping(shipping).createTables();
    }

    Map<String, TaskHandler> handlers() {
        Map<String, TaskHandler> handlers = new HashMap<>();
        handlers.putAll(stockService.handlers());
        handlers.putAll(paymentService.handlers());
        handlers.putAll(shippingService.handlers());
        return handlers;
    }

    private static HikariDataSource database(String name) {
        String url = TestDatabase.url().substring(0, TestDatabase.url().lastIndexOf('/') + 1) + name;
        PostgresDatabase.recreate(url, TestDatabase.user());
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(TestDatabase.user());
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    long stockLevel(String column) throws SQLException {
        return single(stock, "SELECT " + column + " FROM stock WHERE sku = ?", SKU);
    }

    /** Charges minus refunds of one order. */
    long netCharge(String orderId) throws SQLException {
        return single(
                payment,
                "SELECT COALESCE(SUM(CASE kind WHEN 'charge' THEN amount ELSE -amount END), 0) FROM payment_ledger"
                        + " WHERE order_id = ?",
                orderId);
    }

    long ledgerRows(String orderId) throws SQLException {
        return single(payment, "SELECT COUNT(*) FROM payment_ledger WHERE order_id = ?", orderId);
    }

    /** The shipment's state, or null when none was ever created. */
    String shipment(String orderId) throws SQLException {
        return text(shipping, "SELECT state FROM shipment WHERE order_id = ?", orderId);
    }

    String reservation(String orderId) throws SQLException {
        return text(stock, "SELECT state FROM stock_reservation WHERE order_id = ?", orderId);
    }

    private static long single(HikariDataSource db, String sql, String parameter) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static String text(HikariDataSource db, String sql, String parameter) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    @Override
    public void close() {
        stock.close();
        payment.close();
        shipping.close();
    }
}

package io.chronoflow.examples.saga;

import io.chronoflow.worker.BpmnError;
import io.chronoflow.worker.TaskHandler;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The stock service of the order-settlement saga, on its own database: {@code stock(sku, available, reserved)} and one
 * {@code stock_reservation} row per order (the idempotency key). Reserving moves quantity from available to reserved;
 * releasing moves it back, once, and only if it was reserved.
 */
public final class Stock {

    public static final String RESERVE = "saga.stock.reserve";
    public static final String RELEASE = "saga.stock.release";

    private final DataSource database;

    public Stock(DataSource database) {
        this.database = database;
    }

    public Stock createTables() throws SQLException {
        LocalTransaction.ddl(
                database,
                "CREATE TABLE IF NOT EXISTS stock (sku VARCHAR(100) PRIMARY KEY, available INTEGER NOT NULL,"
                        + " reserved INTEGER NOT NULL)",
                "CREATE TABLE IF NOT EXISTS stock_reservation (order_id VARCHAR(255) PRIMARY KEY,"
                        + " sku VARCHAR(100) NOT NULL, quantity INTEGER NOT NULL, state VARCHAR(16) NOT NULL)");
        return this;
    }

    /** Puts {@code available} items of {@code sku} in stock unless the sku is known. */
    public Stock stockUp(String sku, int available) throws SQLException {
        LocalTransaction.run(
                database,
                c -> LocalTransaction.insertOnce(
                        c, "INSERT INTO stock (sku, available, reserved) VALUES (?, ?, 0)", sku, available));
        return this;
    }

    public Map<String, TaskHandler> handlers() {
        return Map.of(
                RESERVE,
                (task, context) -> {
                    Faults.step(task, "reserve", "OUT_OF_STOCK");
                    Order order = Order.of(task);
                    LocalTransaction.run(database, c -> {
                        if (!LocalTransaction.insertOnce(
                                c,
                                "INSERT INTO stock_reservation (order_id, sku, quantity, state) VALUES (?, ?, ?, 'reserved')",
                                order.id(),
                                order.sku(),
                                order.quantity())) {
                            return null; // reserved before: a redelivered task
                        }
                        int moved = LocalTransaction.update(
                                c,
                                "UPDATE stock SET available = available - ?, reserved = reserved + ?"
                                        + " WHERE sku = ? AND available >= ?",
                                order.quantity(),
                                order.quantity(),
                                order.sku(),
                                order.quantity());
                        if (moved == 0) {
                            throw new BpmnError(
                                    "OUT_OF_STOCK", "not enough " + order.sku() + " for order " + order.id());
                        }
                        return null;
                    });
                },
                RELEASE,
                (task, context) -> {
                    Faults.compensation(task, "release");
                    String orderId = task.businessKey();
                    LocalTransaction.run(database, c -> {
                        // Only a reservation that exists and is still held is released: once, whatever the deliveries.
                        int released = LocalTransaction.update(
                                c,
                                "UPDATE stock_reservation SET state = 'released' WHERE order_id = ? AND state = 'reserved'",
                                orderId);
                        if (released == 1) {
                            try (PreparedStatement line = c.prepareStatement(
                                    "SELECT sku, quantity FROM stock_reservation WHERE order_id = ?")) {
                                line.setString(1, orderId);
                                try (ResultSet r = line.executeQuery()) {
                                    r.next();
                                    LocalTransaction.update(
                                            c,
                                            "UPDATE stock SET available = available + ?, reserved = reserved - ? WHERE sku = ?",
                                            r.getInt(2),
                                            r.getInt(2),
                                            r.getString(1));
                                }
                            }
                        }
                        return null;
                    });
                });
    }
}

package io.chronoflow.examples.saga;

import io.chronoflow.worker.TaskHandler;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The shipping service of the order-settlement saga, on its own database: one {@code shipment} row per order (the
 * idempotency key), created, then confirmed or cancelled. Cancelling a shipment that was never created does nothing.
 */
public final class Shipping {

    public static final String CREATE = "saga.shipping.create";
    public static final String CANCEL = "saga.shipping.cancel";
    public static final String CONFIRM = "saga.shipping.confirm";

    private final DataSource database;

    public Shipping(DataSource database) {
        this.database = database;
    }

    public Shipping createTables() throws SQLException {
        LocalTransaction.ddl(
                database,
                "CREATE TABLE IF NOT EXISTS shipment (order_id VARCHAR(255) PRIMARY KEY, state VARCHAR(16) NOT NULL)");
        return this;
    }

    public Map<String, TaskHandler> handlers() {
        return Map.of(
                CREATE,
                (task, context) -> {
                    Faults.step(task, "ship", "NOT_DELIVERABLE");
                    Order order = Order.of(task);
                    LocalTransaction.run(
                            database,
                            c -> LocalTransaction.insertOnce(
                                    c, "INSERT INTO shipment (order_id, state) VALUES (?, 'created')", order.id()));
                },
                CANCEL,
                (task, context) -> {
                    Faults.compensation(task, "cancel");
                    LocalTransaction.run(
                            database,
                            c -> LocalTransaction.update(
                                    c,
                                    "UPDATE shipment SET state = 'cancelled' WHERE order_id = ? AND state = 'created'",
                                    task.businessKey()));
                },
                CONFIRM,
                (task, context) -> LocalTransaction.run(
                        database,
                        c -> LocalTransaction.update(
                                c,
                                "UPDATE shipment SET state = 'confirmed' WHERE order_id = ? AND state = 'created'",
                                task.businessKey())));
    }
}

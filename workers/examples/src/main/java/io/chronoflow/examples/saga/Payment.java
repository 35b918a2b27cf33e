package io.chronoflow.examples.saga;

import io.chronoflow.worker.TaskHandler;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The payment service of the order-settlement saga, on its own database: a ledger with at most one {@code charge} and
 * one {@code refund} per order (the primary key is the idempotency key). A refund is booked only against a charge, so
 * the net charge of a compensated order is zero.
 */
public final class Payment {

    public static final String CHARGE = "saga.payment.charge";
    public static final String REFUND = "saga.payment.refund";

    private final DataSource database;

    public Payment(DataSource database) {
        this.database = database;
    }

    public Payment createTables() throws SQLException {
        LocalTransaction.ddl(
                database,
                "CREATE TABLE IF NOT EXISTS payment_ledger (order_id VARCHAR(255) NOT NULL, kind VARCHAR(16) NOT NULL,"
                        + " amount BIGINT NOT NULL, PRIMARY KEY (order_id, kind))");
        return this;
    }

    public Map<String, TaskHandler> handlers() {
        return Map.of(
                CHARGE,
                (task, context) -> {
                    Faults.step(task, "charge", "PAYMENT_DECLINED");
                    Order order = Order.of(task);
                    LocalTransaction.run(
                            database,
                            c -> LocalTransaction.insertOnce(
                                    c,
                                    "INSERT INTO payment_ledger (order_id, kind, amount) VALUES (?, 'charge', ?)",
                                    order.id(),
                                    order.amount()));
                },
                REFUND,
                (task, context) -> {
                    Faults.compensation(task, "refund");
                    String orderId = task.businessKey();
                    LocalTransaction.run(
                            database,
                            c -> LocalTransaction.update(
                                    c,
                                    "INSERT INTO payment_ledger (order_id, kind, amount)"
                                            + " SELECT order_id, 'refund', amount FROM payment_ledger l"
                                            + " WHERE l.order_id = ? AND l.kind = 'charge' AND NOT EXISTS"
                                            + " (SELECT 1 FROM payment_ledger r WHERE r.order_id = l.order_id AND r.kind = 'refund')",
                                    orderId));
                });
    }
}

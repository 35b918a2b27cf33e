package io.chronoflow.examples.saga;

import io.chronoflow.worker.Task;

/**
 * The order a saga task is about: its id is the run's business key (the idempotency key of every step, with the
 * step's name), and its lines come from the run's variables {@code sku}, {@code quantity}, {@code amount} (cents).
 */
record Order(String id, String sku, int quantity, long amount) {

    static Order of(Task task) {
        if (task.businessKey() == null || task.businessKey().isBlank()) {
            throw new IllegalArgumentException("an order-settlement run needs its order id as business key");
        }
        return new Order(
                task.businessKey(),
                String.valueOf(required(task, "sku")),
                ((Number) required(task, "quantity")).intValue(),
                ((Number) required(task, "amount")).longValue());
    }

    private static Object required(Task task, String name) {
        Object value = task.variable(name);
        if (value == null) {
            throw new IllegalArgumentException("an order-settlement run needs the variable '" + name + "'");
        }
        return value;
    }
}

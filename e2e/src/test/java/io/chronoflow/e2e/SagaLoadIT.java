package io.chronoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.TestDatabase;
import io.chronoflow.testkit.EngineEnvironment;
import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.testkit.PostgresDatabase;
import io.chronoflow.testkit.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A bounded load test of the order-settlement saga: the engine and two worker processes (the worker app with the
 * saga's three services on three PostgreSQL databases), 1,000 orders of which a random 20 % fail at a random step.
 * Every order must end COMPLETED or COMPENSATED as its fault says, and the three databases must agree with that.
 */
class SagaLoadIT extends ProcessTest {

    private static final int ORDERS = 1_000;
    private static final int STOCK = 1_000_000;
    private static final String ADMIN = "sagaloadadmin";

    private final String prefix = "cf-e2e-" + UUID.randomUUID().toString().substring(0, 8);
    private final String password = "e2e-" + UUID.randomUUID();

    private static String database(String service) {
        String url =
                TestDatabase.url().substring(0, TestDatabase.url().lastIndexOf('/') + 1) + "chronoflow_e2e_" + service;
        PostgresDatabase.recreate(url, TestDatabase.user());
        return url;
    }

    @Test
    void everyOrderEndsCompletedOrCompensatedAndTheServicesAgree() throws Exception {
        TestDatabase.recreateOnce();
        Map<String, String> databases =
                Map.of("STOCK", database("stock"), "PAYMENT", database("payment"), "SHIPPING", database("shipping"));
        ServiceProcess engine = processes()
                .start(
                        "engine",
                        ENGINE_JAR,
                        EngineEnvironment.of(TestDatabase.url(), TestDatabase.user(), REDIS_URL, prefix, password, dir)
                                .with("CHRONOFLOW_ADMIN_USER", ADMIN)
                                .toMap());
        engine.awaitHealthy(Duration.ofSeconds(120));
        EngineHttp admin = EngineHttp.basic(engine.baseUrl(), ADMIN, password);
        assertThat(admin.postMultipart(
                                "/engine-rest/deployment/create",
                                Map.of("deployment-name", "order-settlement"),
                                "order-settlement.bpmn",
                                Files.readAllBytes(Path.of("..", "bpmn", "order-settlement.bpmn")))
                        .statusCode())
                .isEqualTo(200);
        for (String id : List.of("saga-a", "saga-b")) {
            Map<String, String> env = new HashMap<>();
            env.put("CHRONOFLOW_ENGINE_URL", engine.baseUrl() + "/engine-rest");
            env.put("CHRONOFLOW_WORKER_USER", ADMIN);
            env.put("CHRONOFLOW_WORKER_PASSWORD", password);
            env.put("CHRONOFLOW_WORKER_ID", id);
            env.put("CHRONOFLOW_WORKER_CAPACITY", "8");
            env.put("CHRONOFLOW_WORKER_KEY_PREFIX", prefix);
            env.put("CHRONOFLOW_REDIS_URL", REDIS_URL);
            env.put("CHRONOFLOW_EXAMPLE_DB_URL", TestDatabase.url());
            env.put("CHRONOFLOW_EXAMPLE_DB_USER", TestDatabase.user());
            env.put("CHRONOFLOW_SAGA_ENABLED", "true");
            env.put("CHRONOFLOW_SAGA_STOCK_SKU", "widget");
            env.put("CHRONOFLOW_SAGA_STOCK_LEVEL", Integer.toString(STOCK));
            databases.forEach((service, url) -> {
                env.put("CHRONOFLOW_SAGA_" + service + "_DB_URL", url);
                env.put("CHRONOFLOW_SAGA_" + service + "_DB_USER", TestDatabase.user());
            });
            processes().start(id, WORKER_JAR, env).awaitHealthy(Duration.ofSeconds(90));
        }

        Random random = new Random(42);
        Map<String, Integer> quantities = new ConcurrentHashMap<>();
        Set<String> faulty = ConcurrentHashMap.newKeySet();
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            String orderId = "order-" + i;
            int quantity = 1 + random.nextInt(5);
            Map<String, Object> variables =
                    new HashMap<>(Map.of("sku", "widget", "quantity", quantity, "amount", 100L * quantity));
            if (random.nextInt(100) < 20) {
                variables.put("failAt", List.of("reserve", "charge", "ship").get(random.nextInt(3)));
                variables.put("failKind", random.nextInt(4) == 0 ? "technical" : "business");
                faulty.add(orderId);
            }
            quantities.put(orderId, quantity);
            orders.add(Map.of("businessKey", orderId, "variables", variables));
        }
        Instant started = Instant.now();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Integer>> triggered = new ArrayList<>();
        for (Map<String, Object> order : orders) {
            triggered.add(clients.submit(() -> admin.postJson("/api/v1/jobs/order-settlement/trigger", order)
                    .statusCode()));
        }
        for (Future<Integer> status : triggered) {
            assertThat(status.get()).isEqualTo(201);
        }
        clients.shutdown();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> EngineHttp.json(
                                        admin.get(
                                                "/engine-rest/history/process-instance/count?processDefinitionKey=order-settlement&finished=true"))
                                .get("count")
                                .asInt()
                        == ORDERS);
        Duration took = Duration.between(started, Instant.now());

        Set<String> compensated = new HashSet<>();
        JsonNode ends = EngineHttp.json(admin.get(
                "/engine-rest/history/activity-instance?activityId=compensated&finished=true&maxResults=5000"));
        Map<String, String> orderOfRun = new HashMap<>();
        EngineHttp.json(admin.get(
                        "/engine-rest/history/process-instance?processDefinitionKey=order-settlement&maxResults=5000"))
                .forEach(r -> orderOfRun.put(
                        r.get("id").asText(), r.get("businessKey").asText()));
        ends.forEach(
                e -> compensated.add(orderOfRun.get(e.get("processInstanceId").asText())));
        assertThat(compensated).as("exactly the faulty orders are compensated").isEqualTo(faulty);
        assertThat(EngineHttp.json(admin.get("/engine-rest/incident/count"))
                        .get("count")
                        .asInt())
                .isZero();

        long reservedForCompleted = quantities.entrySet().stream()
                .filter(e -> !faulty.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
        try (Connection stock = DriverManager.getConnection(databases.get("STOCK"), TestDatabase.user(), "");
                Statement s = stock.createStatement();
                ResultSet r = s.executeQuery("SELECT available, reserved FROM stock WHERE sku = 'widget'")) {
            r.next();
            assertThat(r.getLong(1) + r.getLong(2))
                    .as("stock + reserved unchanged")
                    .isEqualTo(STOCK);
            assertThat(r.getLong(2))
                    .as("reserved = the completed orders' quantities")
                    .isEqualTo(reservedForCompleted);
        }
        try (Connection payment = DriverManager.getConnection(databases.get("PAYMENT"), TestDatabase.user(), "");
                Statement s = payment.createStatement();
                ResultSet r =
                        s.executeQuery("SELECT order_id, SUM(CASE kind WHEN 'charge' THEN amount ELSE -amount END)"
                                + " FROM payment_ledger GROUP BY order_id")) {
            while (r.next()) {
                String order = r.getString(1);
                assertThat(r.getLong(2))
                        .as("net charge of %s", order)
                        .isEqualTo(faulty.contains(order) ? 0 : 100L * quantities.get(order));
            }
        }
        try (Connection shipping = DriverManager.getConnection(databases.get("SHIPPING"), TestDatabase.user(), "");
                Statement s = shipping.createStatement();
                ResultSet r = s.executeQuery("SELECT order_id, state FROM shipment")) {
            int confirmed = 0;
            while (r.next()) {
                boolean faultyOrder = faulty.contains(r.getString(1));
                assertThat(r.getString(2)).as(r.getString(1)).isEqualTo(faultyOrder ? "cancelled" : "confirmed");
                confirmed += faultyOrder ? 0 : 1;
            }
            assertThat(confirmed).isEqualTo(ORDERS - faulty.size());
        }
        System.out.printf(
                "saga load: %d orders (%d compensated, %.1f %%) in %d ms: %.1f orders/s with two worker processes%n",
                ORDERS,
                faulty.size(),
                100.0 * faulty.size() / ORDERS,
                took.toMillis(),
                ORDERS * 1000.0 / took.toMillis());
    }
}

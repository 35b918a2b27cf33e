package io.chronoflow.engine.sagas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.engine.support.EngineIntegrationTest;
import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.worker.ChronoflowWorker;
import io.chronoflow.worker.Task;
import io.chronoflow.worker.TaskContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The order-settlement saga (bpmn/order-settlement.bpmn) against three services on three PostgreSQL databases: a run
 * either completes or is compensated in reverse order, and the invariants hold whatever fails and however often a task
 * is delivered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderSettlementIT extends EngineIntegrationTest {

    private static final String JOB = "order-settlement";

    @Autowired
    HistoryService historyService;

    private SagaDatabases services;
    private ChronoflowWorker worker;

    @BeforeAll
    void servicesAndAWorker() throws Exception {
        services = new SagaDatabases("chronoflow_it_saga");
        ChronoflowWorker.Builder builder = workerBuilder("it-saga").capacity(8).longPoll(Duration.ofSeconds(2));
        services.handlers().forEach(builder::handler);
        worker = builder.build().start();
    }

    @AfterAll
    void stop() {
        worker.close();
        services.close();
    }

    private String order(Map<String, Object> faults) {
        String orderId = "order-" + UUID.randomUUID();
        Map<String, Object> variables = new HashMap<>(Map.of("sku", SagaDatabases.SKU, "quantity", 3, "amount", 4_500));
        variables.putAll(faults);
        JsonNode run = EngineHttp.json(asAdmin()
                .postJson("/api/v1/jobs/" + JOB + "/trigger", Map.of("businessKey", orderId, "variables", variables)));
        return run.get("id").asText();
    }

    private JsonNode awaitEnd(String runId, String outcome) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> outcome.equals(EngineHttp.json(asAdmin().get("/api/v1/runs/" + runId))
                        .path("run")
                        .path("outcome")
                        .asText()));
        return EngineHttp.json(asAdmin().get("/api/v1/runs/" + runId)).get("run");
    }

    private String orderOf(String runId) {
        return historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceId(runId)
                .singleResult()
                .getBusinessKey();
    }

    private List<String> compensations(String runId) {
        return historyService
                .createHistoricActivityInstanceQuery()
                .processInstanceId(runId)
                .orderByHistoricActivityInstanceStartTime()
                .asc()
                .list()
                .stream()
                .map(HistoricActivityInstance::getActivityId)
                .filter(List.of("release", "refund", "cancelShipment")::contains)
                .toList();
    }

    @Test
    void anOrderWithoutFailureSettles() throws Exception {
        long reservedBefore = services.stockLevel("reserved");
        String run = order(Map.of());

        assertThat(awaitEnd(run, "completed").get("state").asText()).isEqualTo("COMPLETED");
        String orderId = orderOf(run);
        assertThat(services.netCharge(orderId)).isEqualTo(4_500);
        assertThat(services.shipment(orderId)).isEqualTo("confirmed");
        assertThat(services.reservation(orderId)).isEqualTo("reserved");
        assertThat(services.stockLevel("reserved") - reservedBefore).isEqualTo(3);
        assertThat(compensations(run)).isEmpty();
    }

    @ParameterizedTest(name = "{1} failure at {0}")
    @CsvSource({
        "reserve, business, ''",
        "charge, business, release",
        "ship, business, refund|release",
        "reserve, technical, ''",
        "charge, technical, release",
        "ship, technical, refund|release"
    })
    void aFailedStepCompensatesTheCompletedStepsInReverseOrder(String step, String kind, String expected)
            throws Exception {
        long total = services.stockLevel("available") + services.stockLevel("reserved");
        String run = order(Map.of("failAt", step, "failKind", kind));

        awaitEnd(run, "compensated");

        String orderId = orderOf(run);
        assertThat(compensations(run)).isEqualTo(expected.isEmpty() ? List.of() : List.of(expected.split("\\|")));
        assertThat(services.stockLevel("available") + services.stockLevel("reserved"))
                .isEqualTo(total);
        assertThat(services.reservation(orderId)).isIn(null, "released");
        assertThat(services.netCharge(orderId)).isZero();
        assertThat(services.shipment(orderId)).as("no shipment exists").isIn(null, "cancelled");
    }

    @Test
    void aTaskDeliveredTwiceAppliesOnceForStepsAndCompensations() throws Exception {
        String orderId = "order-twice-" + UUID.randomUUID();
        Map<String, Object> variables = Map.of("sku", SagaDatabases.SKU, "quantity", 2, "amount", 700);
        long available = services.stockLevel("available");
        for (String topic : List.of("saga.stock.reserve", "saga.payment.charge", "saga.shipping.create")) {
            deliverTwice(topic, orderId, variables);
        }
        assertThat(services.stockLevel("available")).isEqualTo(available - 2);
        assertThat(services.ledgerRows(orderId)).isEqualTo(1);
        assertThat(services.shipment(orderId)).isEqualTo("created");

        for (String topic : List.of("saga.shipping.cancel", "saga.payment.refund", "saga.stock.release")) {
            deliverTwice(topic, orderId, variables);
        }
        assertThat(services.stockLevel("available")).isEqualTo(available);
        assertThat(services.ledgerRows(orderId)).as("one charge, one refund").isEqualTo(2);
        assertThat(services.netCharge(orderId)).isZero();
        assertThat(services.shipment(orderId)).isEqualTo("cancelled");
    }

    private void deliverTwice(String topic, String orderId, Map<String, Object> variables) throws Exception {
        Task task = new Task(
                "t-" + topic, topic, JOB, "run-" + orderId, topic, orderId, null, 0, null, variables, Map.of());
        TaskContext context = null; // the saga's handlers need no shard, lease or cancellation
        services.handlers().get(topic).handle(task, context);
        services.handlers().get(topic).handle(task, context);
    }

    @Test
    void aCompensationThatFailsTwiceThenSucceedsCompletesTheSaga() throws Exception {
        String run = order(Map.of("failAt", "ship", "failKind", "business", "failCompensation", "refund:2"));

        awaitEnd(run, "compensated");

        String orderId = orderOf(run);
        assertThat(services.netCharge(orderId)).isZero();
        assertThat(compensations(run)).containsExactly("refund", "release");
    }

    @Test
    void aCompensationThatAlwaysFailsRaisesAnIncidentAndTheRunIsNotCompensated() throws Exception {
        String run = order(Map.of("failAt", "ship", "failKind", "business", "failCompensation", "refund:always"));

        JsonNode failed = awaitEnd(run, "failed");

        assertThat(failed.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(failed.get("error").asText()).contains("refund failed");
        String orderId = orderOf(run);
        assertThat(services.netCharge(orderId))
                .as("the charge stands until the refund works")
                .isEqualTo(4_500);
        assertThat(compensations(run)).doesNotContain("release");
        asAdmin().delete("/engine-rest/process-instance/" + run);
    }
}

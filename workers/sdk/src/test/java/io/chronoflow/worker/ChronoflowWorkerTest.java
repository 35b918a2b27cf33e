package io.chronoflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoflow.worker.FakeEngine.Request;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker's own contract, against a fake engine that records what the worker asks for. */
class ChronoflowWorkerTest {

    private FakeEngine engine;

    @BeforeEach
    void startEngine() throws Exception {
        engine = new FakeEngine();
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    private ChronoflowWorker.Builder worker() {
        return ChronoflowWorker.builder()
                .engineUrl(engine.url())
                .workerId("w-test")
                .longPoll(Duration.ofSeconds(1))
                .shutdownGrace(Duration.ofSeconds(5));
    }

    @Test
    void neverFetchesMoreTasksThanItHasFreeSlots() throws Exception {
        for (int i = 0; i < 6; i++) {
            engine.addTask("t" + i, "work", null);
        }
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        try (ChronoflowWorker worker = worker().capacity(2)
                .handler("work", (task, ctx) -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    release.await(10, TimeUnit.SECONDS);
                    running.decrementAndGet();
                })
                .build()
                .start()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> worker.inFlight() == 2);
            Thread.sleep(300); // the fetch thread must be parked on its slots, not polling for more
            assertThat(engine.requests("/fetchAndLock")).hasSize(1);

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> worker.done() == 6);
        }
        assertThat(mostAtOnce.get()).isEqualTo(2);
        for (Request fetch : engine.requests("/fetchAndLock")) {
            assertThat(fetch.body().get("maxTasks").asInt()).isBetween(1, 2);
            assertThat(fetch.body().get("workerId").asText()).isEqualTo("w-test");
        }
        assertThat(engine.requests("/complete")).hasSize(6);
    }

    @Test
    void completionsGoInBatchesAndARefusedTaskIsNeitherCountedNorSentAgain() {
        engine.routed();
        for (int i = 0; i < 40; i++) {
            engine.addTask("t" + i, "work", null);
        }
        engine.refuse("t7");
        try (ChronoflowWorker worker = worker().capacity(8)
                .handler("work", (task, ctx) -> ctx.setVariable("n", task.id()))
                .build()
                .start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> worker.done() == 39);
            Thread.sleep(300); // nothing more may arrive
            assertThat(worker.done()).isEqualTo(39);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        List<String> sent = new ArrayList<>();
        for (Request batch : engine.requests("/dispatch/complete")) {
            assertThat(batch.body().get("workerId").asText()).isEqualTo("w-test");
            batch.body().get("tasks").forEach(task -> {
                sent.add(task.get("id").asText());
                assertThat(task.at("/variables/n/value").asText())
                        .isEqualTo(task.get("id").asText());
            });
        }
        assertThat(sent).hasSize(40).doesNotHaveDuplicates();
        assertThat(engine.requests("/dispatch/complete").size()).isLessThan(40);
        assertThat(engine.requests("/complete")).hasSameSizeAs(engine.requests("/dispatch/complete"));
        assertThat(engine.requests("/fetch-and-lock")).isNotEmpty();
        for (Request fetch : engine.requests("/fetch-and-lock")) {
            assertThat(fetch.body().at("/topics/0/topicName").asText()).isEqualTo("work");
        }
    }

    @Test
    void declaredVariablesAndTheShardVariablesAreAllThatIsFetched() {
        engine.addTask("t1", "work", null);
        try (ChronoflowWorker worker = worker().handler("work", List.of("orderId"), (task, ctx) -> {})
                .build()
                .start()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> worker.done() == 1);
        }
        JsonNode topic = engine.requests("/fetchAndLock").get(0).body().at("/topics/0");
        List<String> names = new ArrayList<>();
        topic.get("variables").forEach(v -> names.add(v.asText()));
        assertThat(names).contains("orderId").containsAll(Shard.VARIABLES);
    }

    @Test
    void handlerResultIsReportedWithItsVariablesAndCounted() {
        engine.addTask("t1", "work", null);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (ChronoflowWorker worker = worker().meterRegistry(meters)
                .handler("work", (task, ctx) -> ctx.setVariable("answer", 42))
                .build()
                .start()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> worker.done() == 1);
        }
        assertThat(meters.get("chronoflow.worker.tasks.fetched")
                        .tag("topic", "work")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("chronoflow.worker.task.duration")
                        .tags("topic", "work", "outcome", "completed")
                        .timer()
                        .count())
                .isEqualTo(1);
        Request complete = engine.requests("/t1/complete").get(0);
        assertThat(complete.body().at("/variables/answer/value").asInt()).isEqualTo(42);
        assertThat(complete.body().at("/variables/answer/type").asText()).isEqualTo("Integer");
    }

    @Test
    void technicalFailureIsReportedWithRetriesAndBackoff() {
        engine.addTask("first", "work", null);
        engine.addTask("last", "work", 1);
        try (ChronoflowWorker worker = worker().retries(3, Duration.ofSeconds(5))
                .handler("work", (task, ctx) -> {
                    throw new IllegalStateException("downstream said no");
                })
                .build()
                .start()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> worker.failed() == 2);
        }
        Request first = engine.requests("/first/failure").get(0);
        assertThat(first.body().get("retries").asInt()).isEqualTo(2);
        assertThat(first.body().get("retryTimeout").asLong()).isEqualTo(5_000);
        assertThat(first.body().get("errorMessage").asText()).isEqualTo("downstream said no");
        assertThat(first.body().get("errorDetails").asText()).contains("IllegalStateException");
        Request last = engine.requests("/last/failure").get(0);
        assertThat(last.body().get("retries").asInt()).isZero();
    }

    @Test
    void aTaskMarkedErrorOnExhaustedReportsItsBpmnErrorInsteadOfTheLastFailure() {
        engine.addTask("early", "work", 2)
                .withObject("/extensionProperties")
                .put("chronoflow.error-on-exhausted", "GAVE_UP");
        engine.addTask("last", "work", 1)
                .withObject("/extensionProperties")
                .put("chronoflow.error-on-exhausted", "GAVE_UP");
        try (ChronoflowWorker worker = worker().handler("work", (task, ctx) -> {
                    throw new IllegalStateException("downstream said no");
                })
                .build()
                .start()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> worker.failed() == 2);
        }
        assertThat(engine.requests("/early/failure"))
                .as("retries left: a failure")
                .hasSize(1);
        assertThat(engine.requests("/last/failure"))
                .as("no retry left: no failure, so no incident")
                .isEmpty();
        Request error = engine.requests("/last/bpmnError").get(0);
        assertThat(error.body().get("errorCode").asText()).isEqualTo("GAVE_UP");
        assertThat(error.body().get("errorMessage").asText()).isEqualTo("downstream said no");
    }

    @Test
    void bpmnErrorIsReportedAsSuch() {
        engine.addTask("t1", "work", null);
        try (ChronoflowWorker worker = worker().handler("work", (task, ctx) -> {
                    throw new BpmnError("OUT_OF_STOCK", "no stock for SKU-1");
                })
                .build()
                .start()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> worker.failed() == 1);
        }
        Request error = engine.requests("/t1/bpmnError").get(0);
        assertThat(error.body().get("errorCode").asText()).isEqualTo("OUT_OF_STOCK");
        assertThat(error.body().get("errorMessage").asText()).isEqualTo("no stock for SKU-1");
        assertThat(engine.requests("/failure")).isEmpty();
    }

    @Test
    void locksOfLongHandlersAreExtended() {
        engine.addTask("slow", "work", null);
        try (ChronoflowWorker worker = worker().lockDuration(Duration.ofSeconds(2))
                .handler("work", (task, ctx) -> Thread.sleep(2_500))
                .build()
                .start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> worker.done() == 1);
        }
        assertThat(engine.requests("/slow/extendLock")).isNotEmpty();
        assertThat(engine.requests("/slow/extendLock")
                        .get(0)
                        .body()
                        .get("newDuration")
                        .asLong())
                .isEqualTo(2_000);
    }

    @Test
    void shutdownUnlocksWhatDidNotFinishWithinTheGracePeriod() {
        engine.addTask("stuck", "work", null);
        ChronoflowWorker worker = worker().shutdownGrace(Duration.ofMillis(200))
                .handler("work", (task, ctx) -> {
                    while (!ctx.isCancelled()) {
                        Thread.onSpinWait();
                    }
                })
                .build()
                .start();
        await().atMost(Duration.ofSeconds(5)).until(() -> worker.inFlight() == 1);

        worker.close();

        assertThat(engine.requests("/stuck/unlock")).hasSize(1);
        assertThat(engine.requests("/stuck/complete")).isEmpty();
    }

    @Test
    void unreachableEngineIsRetriedAndTheNextEngineUrlTried() throws Exception {
        engine.addTask("t1", "work", null);
        try (ChronoflowWorker worker = ChronoflowWorker.builder()
                .engineUrl("http://127.0.0.1:1/engine-rest", engine.url())
                .workerId("w-failover")
                .longPoll(Duration.ofSeconds(1))
                .handler("work", (task, ctx) -> {})
                .build()
                .start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> worker.done() == 1);
        }
    }
}

package io.chronoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.testkit.ProcessGroup;
import io.chronoflow.testkit.ServiceProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the end-to-end tests that start the built jars as real processes: where the jars and the local Redis are,
 * one {@link ProcessGroup} per test (stopped after it, logs kept under target/e2e-logs/), and deployment of a model.
 */
abstract class ProcessTest {

    static final Path ENGINE_JAR = Path.of(System.getProperty("chronoflow.it.engine.jar"));
    static final Path WORKER_JAR = Path.of(System.getProperty("chronoflow.it.worker.jar"));
    static final String REDIS_URL = System.getProperty("chronoflow.it.redis.url", "redis://127.0.0.1:6379");

    @TempDir
    Path dir;

    private ProcessGroup processes;

    /** The processes of this test, in folders under its temporary directory. */
    ProcessGroup processes() {
        if (processes == null) {
            processes = new ProcessGroup(dir, getClass().getSimpleName());
        }
        return processes;
    }

    /** Stops every process of this test (in reverse order) and keeps their logs; a second call does nothing. */
    @AfterEach
    void stopProcesses() {
        if (processes != null) {
            processes.close();
            processes = null;
        }
    }

    /** One engine node and two workers, {@code w-a} and {@code w-b}, of {@code stack}; returns its admin's client. */
    EngineHttp startEngineAndTwoWorkers(ShardedStack stack) {
        ServiceProcess engine = processes()
                .start("engine", ENGINE_JAR, stack.engineEnvironment(dir))
                .awaitHealthy(Duration.ofSeconds(120));
        for (String id : new String[] {"w-a", "w-b"}) {
            processes()
                    .start(id, WORKER_JAR, stack.workerEnvironment(engine.baseUrl(), id))
                    .awaitHealthy(Duration.ofSeconds(90));
        }
        return EngineHttp.basic(engine.baseUrl(), stack.admin, stack.password);
    }

    static void deploy(EngineHttp admin, String key, byte[] model) {
        HttpResponse<String> deployed = admin.postMultipart(
                "/engine-rest/deployment/create", Map.of("deployment-name", key), key + ".bpmn", model);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    }
}

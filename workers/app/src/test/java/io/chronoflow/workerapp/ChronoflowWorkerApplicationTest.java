package io.chronoflow.workerapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoflow.worker.http.HttpTask;
import io.chronoflow.worker.http.SecretSource;
import io.chronoflow.worker.spring.TopicHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/** The worker app as packaged: its configuration serves the built-in HTTP task with the environment's secrets. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:worker-app-test;DB_CLOSE_DELAY=-1",
            // Nobody listens there: the worker backs off, which this test does not look at.
            "chronoflow.worker.engine-url=http://127.0.0.1:9/engine-rest"
        })
class ChronoflowWorkerApplicationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void theHttpTaskIsServedByDefaultWithSecretsFromTheEnvironment() {
        assertThat(context.getBeansOfType(HttpTask.class)).containsOnlyKeys("chronoflowHttpTask");
        assertThat(context.findAnnotationOnBean("chronoflowHttpTask", TopicHandler.class)
                        .value())
                .isEqualTo(HttpTask.TOPIC);
        assertThat(context.getBean(SecretSource.class).origin("FN_TOKEN"))
                .contains("environment variable CHRONOFLOW_SECRET_FN_TOKEN");
    }
}

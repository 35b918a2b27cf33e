package io.chronoflow.worker.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoflow.worker.ChronoflowWorker;
import io.chronoflow.worker.TaskHandler;
import io.chronoflow.worker.http.HttpTask;
import io.chronoflow.worker.http.SecretSource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ChronoflowWorkerAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ChronoflowWorkerAutoConfiguration.class));

    @Configuration
    static class Handlers {
        @Bean
        @TopicHandler("invoice.send")
        TaskHandler sendInvoice() {
            return (task, ctx) -> ctx.setVariable("sent", true);
        }
    }

    @Configuration
    static class UnnamedHandler {
        @Bean
        TaskHandler nameless() {
            return (task, ctx) -> {};
        }
    }

    @Test
    void propertiesAndAnnotatedHandlersBuildTheWorker() {
        runner.withUserConfiguration(Handlers.class)
                .withPropertyValues(
                        "chronoflow.worker.engine-url=http://a:8080/engine-rest,http://b:8080/engine-rest",
                        "chronoflow.worker.id=billing-1",
                        "chronoflow.worker.capacity=8",
                        "chronoflow.worker.weight=3",
                        "chronoflow.worker.lock-duration=45s",
                        "chronoflow.worker.token=tkn")
                .run(context -> {
                    ChronoflowWorker worker = context.getBean(ChronoflowWorker.class);
                    assertThat(worker.workerId()).isEqualTo("billing-1");
                    assertThat(worker.options().engineUrls())
                            .containsExactly("http://a:8080/engine-rest", "http://b:8080/engine-rest");
                    assertThat(worker.options().capacity()).isEqualTo(8);
                    assertThat(worker.options().weight()).isEqualTo(3);
                    assertThat(worker.options().lockDuration()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(worker.options().authorization()).isEqualTo("Bearer tkn");
                });
    }

    @Test
    void aHandlerWithoutItsTopicStopsTheStartNamingTheBean() {
        runner.withUserConfiguration(UnnamedHandler.class)
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("'nameless' has no @TopicHandler"));
    }

    @Test
    void invalidSettingsStopTheStartNamingThem() {
        runner.withUserConfiguration(Handlers.class)
                .withPropertyValues("chronoflow.worker.capacity=0")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("capacity: must be 1..1000 (was 0)"));
    }

    @Test
    void disabledMeansNoWorker() {
        runner.withUserConfiguration(Handlers.class)
                .withPropertyValues("chronoflow.worker.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ChronoflowWorker.class));
    }

    @Configuration
    static class VaultSecrets {
        @Bean
        SecretSource vault() {
            return SecretSource.of(Map.of("FN_TOKEN", "from-vault"));
        }
    }

    @Test
    void theHttpTaskIsServedOnlyWhenEnabledWithEnvironmentSecretsByDefault() {
        runner.withUserConfiguration(Handlers.class)
                .run(context -> assertThat(context).doesNotHaveBean(HttpTask.class));
        runner.withUserConfiguration(Handlers.class)
                .withPropertyValues("chronoflow.worker.http.enabled=true")
                .run(context -> {
                    assertThat(context).hasSingleBean(HttpTask.class).hasSingleBean(ChronoflowWorker.class);
                    assertThat(context.findAnnotationOnBean("chronoflowHttpTask", TopicHandler.class)
                                    .value())
                            .isEqualTo("chronoflow.http");
                    assertThat(context.getBean(SecretSource.class).origin("FN_TOKEN"))
                            .contains("CHRONOFLOW_SECRET_FN_TOKEN");
                    assertThat(context.getBean(ChronoflowWorkerProperties.class)
                                    .getHttp()
                                    .isEnabled())
                            .isTrue();
                });
    }

    @Test
    void aSecretSourceBeanOfTheApplicationReplacesTheEnvironment() {
        runner.withUserConfiguration(VaultSecrets.class)
                .withPropertyValues("chronoflow.worker.http.enabled=true")
                .run(context -> {
                    assertThat(context).hasSingleBean(HttpTask.class);
                    assertThat(context.getBean(SecretSource.class).secret("FN_TOKEN"))
                            .contains("from-vault");
                });
    }
}

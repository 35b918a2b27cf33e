package io.chronoflow.engine.deployment;

import io.chronoflow.engine.config.ChronoflowProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Deploys the models of the {@link ModelSource} when the engine starts. Duplicate filtering is on: a model whose
 * content has not changed since its last deployment is not deployed again, so restarts and several engine nodes
 * starting together do not pile up versions (the engine serialises deployments with its deployment lock).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ModelDeployer implements ApplicationRunner {

    /** The deployment name: the engine compares models against earlier deployments of the same name. */
    public static final String DEPLOYMENT_NAME = "chronoflow-models";

    private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);

    private final RepositoryService repositoryService;
    private final ChronoflowProperties properties;

    public ModelDeployer(RepositoryService repositoryService, ChronoflowProperties properties) {
        this.repositoryService = repositoryService;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        ModelSource source = ModelSource.resolve(properties.bpmnDir(), Path.of(""));
        if (source.resources().isEmpty()) {
            log.info("no models to deploy in {}", source.description());
            return;
        }
        DeploymentBuilder deployment = repositoryService
                .createDeployment()
                .name(DEPLOYMENT_NAME)
                .source("chronoflow")
                .enableDuplicateFiltering(true);
        for (Resource model : source.resources()) {
            try (InputStream in = model.getInputStream()) {
                deployment.addInputStream(model.getFilename(), in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model " + model.getDescription(), e);
            }
        }
        DeploymentWithDefinitions result = deployment.deployWithResult();
        int changed = result.getDeployedProcessDefinitions() == null
                ? 0
                : result.getDeployedProcessDefinitions().size();
        log.info(
                "models from {}: {} files, {} process definitions deployed as new versions",
                source.description(),
                source.resources().size(),
                changed);
    }
}

package io.chronoflow.engine.deployment;

import io.chronoflow.engine.config.ChronoflowProperties;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * Chronoflow's checks on deployed models: well-formed XML without DOCTYPE or scripts before the engine parses, valid
 * chronoflow.* options.
 */
@Component
public class ModelPolicyPlugin extends AbstractCamundaConfiguration {

    private final boolean allowScripts;

    public ModelPolicyPlugin(ChronoflowProperties properties) {
        this.allowScripts = properties.security().allowScripts();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> pre = new ArrayList<>();
        pre.add(new SafeModels(allowScripts));
        if (configuration.getCustomPreDeployers() != null) {
            pre.addAll(configuration.getCustomPreDeployers());
        }
        configuration.setCustomPreDeployers(pre);

        List<BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPostBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPostBPMNParseListeners());
        }
        listeners.add(new ModelOptionsCheck());
        configuration.setCustomPostBPMNParseListeners(listeners);
    }
}

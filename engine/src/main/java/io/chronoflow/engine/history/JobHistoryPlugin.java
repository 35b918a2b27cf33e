package io.chronoflow.engine.history;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.CompositeDbHistoryEventHandler;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/** Installs the per-job history level ({@link JobHistory}) in front of the engine's database history handler. */
@Component
public class JobHistoryPlugin extends AbstractCamundaConfiguration {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        PerJobHistoryEventHandler handler = new PerJobHistoryEventHandler(
                new CompositeDbHistoryEventHandler(configuration.getCustomHistoryEventHandlers()));
        configuration.setHistoryEventHandler(handler);
        List<BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPreBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPreBPMNParseListeners());
        }
        listeners.add(handler);
        configuration.setCustomPreBPMNParseListeners(listeners);
    }
}

package io.chronoflow.engine.history;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Hands the engine's history events to its database handler, leaving out those a job's {@code chronoflow.history}
 * does not keep. The level is read from the model when the engine parses it (so it is known while the job is being
 * deployed, before its resources can be read back) and kept on the process definition. Events of no process
 * definition (operation log, batches, decisions evaluated on their own) all pass.
 */
final class PerJobHistoryEventHandler extends AbstractBpmnParseListener implements HistoryEventHandler {

    private final HistoryEventHandler delegate;
    /** Per process definition (definitions never change once deployed). */
    private final Map<String, JobHistory> levels = new ConcurrentHashMap<>();

    PerJobHistoryEventHandler(HistoryEventHandler delegate) {
        this.delegate = delegate;
    }

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        processDefinition.setProperty(JobHistory.PROPERTY, JobHistory.declaredBy(processElement));
    }

    @Override
    public void handleEvent(HistoryEvent event) {
        if (level(event).keeps(event)) {
            delegate.handleEvent(event);
        }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        delegate.handleEvents(events.stream().filter(e -> level(e).keeps(e)).toList());
    }

    private JobHistory level(HistoryEvent event) {
        String definitionId = event.getProcessDefinitionId();
        if (definitionId == null) {
            return JobHistory.FULL;
        }
        JobHistory known = levels.get(definitionId);
        if (known != null) {
            return known;
        }
        ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
        ProcessDefinitionEntity definition =
                engine == null ? null : engine.getDeploymentCache().findDeployedProcessDefinitionById(definitionId);
        JobHistory level = definition != null && definition.getProperty(JobHistory.PROPERTY) instanceof JobHistory set
                ? set
                : JobHistory.FULL;
        if (definition != null) {
            levels.put(definitionId, level);
        }
        return level;
    }
}

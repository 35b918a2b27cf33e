package io.chronoflow.engine.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * The {@code camunda:properties} of a model element (where jobs keep their {@code chronoflow.*} options), read from the
 * deployed model once per definition and element. Deployed definitions never change, so the cache never goes stale.
 */
@Component
public class ActivityProperties {

    private final RepositoryService repository;
    private final Map<String, Map<String, String>> cache = new ConcurrentHashMap<>();

    public ActivityProperties(RepositoryService repository) {
        this.repository = repository;
    }

    public Map<String, String> of(String processDefinitionId, String activityId) {
        return cache.computeIfAbsent(
                processDefinitionId + "/" + activityId, k -> read(processDefinitionId, activityId));
    }

    private Map<String, String> read(String processDefinitionId, String activityId) {
        BpmnModelInstance model = repository.getBpmnModelInstance(processDefinitionId);
        BaseElement element = model == null ? null : model.getModelElementById(activityId);
        Map<String, String> properties = new LinkedHashMap<>();
        ExtensionElements extensions = element == null ? null : element.getExtensionElements();
        if (extensions != null) {
            for (CamundaProperties group : extensions.getChildElementsByType(CamundaProperties.class)) {
                for (CamundaProperty p : group.getCamundaProperties()) {
                    // An empty field in the Modeler is written as value="": the option is not set.
                    if (p.getCamundaName() != null
                            && p.getCamundaValue() != null
                            && !p.getCamundaValue().isBlank()) {
                        properties.put(p.getCamundaName(), p.getCamundaValue());
                    }
                }
            }
        }
        return Map.copyOf(properties);
    }
}

package io.chronoflow.engine.deployment;

import io.chronoflow.engine.dispatch.Routing;
import io.chronoflow.engine.history.JobHistory;
import io.chronoflow.engine.scheduling.Misfire;
import io.chronoflow.engine.scheduling.Overlap;
import io.chronoflow.engine.scheduling.RunTimeouts;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;

/**
 * Refuses a deployment whose {@code chronoflow.*} options name values that do not exist ({@code chronoflow.overlap} on
 * the process, {@code chronoflow.routing} on a task), with the valid values in the message (HTTP 400), so a typo never
 * becomes a silent default at run time.
 */
public class ModelOptionsCheck extends AbstractBpmnParseListener {

    private static final Namespace CAMUNDA = new Namespace(BpmnParser.CAMUNDA_BPMN_EXTENSIONS_NS);

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        check(processElement, Overlap.PROPERTY, v -> Overlap.of(v));
        check(processElement, Overlap.QUEUE_MAX, v -> Overlap.queueMax(v));
        check(processElement, RunTimeouts.PROPERTY, ModelOptionsCheck::positiveDuration);
        check(processElement, Misfire.PROPERTY, v -> Misfire.of(v));
        check(processElement, Misfire.MAX, v -> Misfire.max(v));
        check(processElement, Misfire.THRESHOLD, v -> Misfire.duration(v, null));
        check(processElement, JobHistory.PROPERTY, v -> JobHistory.of(v));
    }

    @Override
    public void parseServiceTask(Element serviceTaskElement, ScopeImpl scope, ActivityImpl activity) {
        check(serviceTaskElement, "chronoflow.routing", v -> Routing.of(v));
    }

    private static void check(Element element, String name, java.util.function.Consumer<String> validate) {
        String value = property(element, name);
        if (value == null) {
            return;
        }
        try {
            validate.accept(value);
        } catch (IllegalArgumentException e) {
            throw new BpmnParseException(e.getMessage(), element);
        }
    }

    private static void positiveDuration(String value) {
        try {
            Duration d = Duration.parse(value.strip());
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(
                        RunTimeouts.PROPERTY + " must be a positive duration, was '" + value + "'");
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    RunTimeouts.PROPERTY + " '" + value + "' is not an ISO-8601 duration such as PT30M");
        }
    }

    /**
     * A {@code camunda:property} of the element, or null when it is absent or blank (the Camunda Modeler writes an
     * emptied field as {@code value=""}: the option is not set).
     */
    public static String property(Element element, String name) {
        Element extensions = element.element("extensionElements");
        Element properties = extensions == null ? null : extensions.elementNS(CAMUNDA, "properties");
        if (properties == null) {
            return null;
        }
        for (Element property : properties.elementsNS(CAMUNDA, "property")) {
            if (name.equals(property.attribute("name"))) {
                String value = property.attribute("value");
                return value == null || value.isBlank() ? null : value;
            }
        }
        return null;
    }
}

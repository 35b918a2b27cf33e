package io.chronoflow.engine.scheduling;

import java.util.Collection;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;

/**
 * When a job starts by itself: the timer of its start event, as written in the model.
 *
 * @param type {@code cycle} (cron or ISO-8601 repeating interval), {@code date} (once, at an ISO-8601 date), {@code
 *     duration} (once, that long after deployment) or {@code on-demand} (no timer: started by trigger or API).
 * @param expression the timer expression, or null for on-demand jobs.
 */
public record Schedule(String type, String expression) {

    public static final Schedule ON_DEMAND = new Schedule("on-demand", null);

    /** The schedule of the process {@code key} in {@code model}: its first timer start event, if any. */
    public static Schedule of(BpmnModelInstance model, String key) {
        Process process = model.getModelElementById(key);
        if (process == null) {
            return ON_DEMAND;
        }
        Collection<StartEvent> starts = process.getChildElementsByType(StartEvent.class);
        for (StartEvent start : starts) {
            for (TimerEventDefinition timer : start.getChildElementsByType(TimerEventDefinition.class)) {
                if (timer.getTimeCycle() != null) {
                    return new Schedule(
                            "cycle", timer.getTimeCycle().getTextContent().strip());
                }
                if (timer.getTimeDate() != null) {
                    return new Schedule(
                            "date", timer.getTimeDate().getTextContent().strip());
                }
                if (timer.getTimeDuration() != null) {
                    return new Schedule(
                            "duration", timer.getTimeDuration().getTextContent().strip());
                }
            }
        }
        return ON_DEMAND;
    }

    /** True for a cron expression (as opposed to an ISO-8601 repeating interval). */
    public boolean isCron() {
        return "cycle".equals(type) && expression != null && !expression.startsWith("R");
    }
}

package io.chronoflow.engine.scheduling;

import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendarManager;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Evaluates every literal timer expression (cycle, date, duration of start, intermediate and boundary timers) with the
 * engine's own calendars at parse time. The engine would otherwise accept an invalid cron or ISO-8601 value and fail
 * while scheduling the timer, answering 500; here it is a parse error, so the deployment is refused with 400 naming the
 * value and the reason, and nothing is deployed. Expressions ({@code ${…}}) are evaluated only at run time.
 */
public class TimerExpressionsCheck extends AbstractBpmnParseListener {

    @Override
    public void parseStartEvent(Element startEventElement, ScopeImpl scope, ActivityImpl startEventActivity) {
        check(startEventElement.element("timerEventDefinition"));
    }

    @Override
    public void parseIntermediateTimerEventDefinition(Element timerEventDefinition, ActivityImpl timerActivity) {
        check(timerEventDefinition);
    }

    @Override
    public void parseBoundaryTimerEventDefinition(
            Element timerEventDefinition, boolean interrupting, ActivityImpl timerActivity) {
        check(timerEventDefinition);
    }

    private static void check(Element timer) {
        if (timer == null) {
            return;
        }
        check(timer, "timeCycle", CycleBusinessCalendar.NAME);
        check(timer, "timeDate", DueDateBusinessCalendar.NAME);
        check(timer, "timeDuration", DurationBusinessCalendar.NAME);
    }

    private static void check(Element timer, String kind, String calendarName) {
        Element definition = timer.element(kind);
        String text = definition == null || definition.getText() == null
                ? ""
                : definition.getText().strip();
        if (text.isEmpty() || text.contains("${") || text.contains("#{")) {
            return;
        }
        BusinessCalendarManager calendars =
                Context.getProcessEngineConfiguration().getBusinessCalendarManager();
        try {
            calendars.getBusinessCalendar(calendarName).resolveDuedate(text);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new BpmnParseException(
                    "timer " + kind + " '" + text + "' cannot be evaluated: " + reason, definition);
        }
    }
}

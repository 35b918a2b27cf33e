package io.chronoflow.engine.scheduling;

import io.chronoflow.engine.deployment.ModelOptionsCheck;
import java.lang.reflect.Field;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationType;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Gives a job's cron timers the time zone of its {@code chronoflow.timezone} process property: at parse time the
 * timer's cycle {@code <cron>} becomes {@code TZ=<zone> <cron>}, which {@link ZonedCycleCalendar} evaluates on that
 * zone's wall clock. An unknown zone id or a cron expression that cannot be evaluated is a parse error, so the deployment
 * is refused with HTTP 400 and the reason.
 */
public class TimeZonedTimers extends AbstractBpmnParseListener {

    public static final String PROPERTY = "chronoflow.timezone";

    private static final Field DESCRIPTION = field("description");
    private static final Field TYPE = field("type");

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        String zoneId = ModelOptionsCheck.property(processElement, PROPERTY);
        if (zoneId == null) {
            return;
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneId.strip());
        } catch (DateTimeException e) {
            // The engine reports a parse exception with the element's line and refuses the deployment.
            throw new BpmnParseException(
                    PROPERTY + " '" + zoneId + "' is not a time zone id (use an IANA id such as Europe/Berlin)",
                    processElement);
        }
        // The timers of the process's own start events (event sub-processes keep theirs elsewhere).
        @SuppressWarnings("unchecked")
        List<TimerDeclarationImpl> timers =
                (List<TimerDeclarationImpl>) processDefinition.getProperty(BpmnParse.PROPERTYNAME_START_TIMER);
        for (TimerDeclarationImpl timer : timers == null ? List.<TimerDeclarationImpl>of() : timers) {
            if (read(TYPE, timer) != TimerDeclarationType.CYCLE) {
                continue;
            }
            Expression cycle = (Expression) read(DESCRIPTION, timer);
            if (cycle.isLiteralText()) {
                String text = cycle.getExpressionText().strip();
                if (text.startsWith("R")) {
                    continue; // ISO-8601 repeating intervals are absolute durations: no zone involved
                }
                try {
                    ZonedCron.of(text, zone);
                } catch (IllegalArgumentException e) {
                    throw new BpmnParseException(e.getMessage(), processElement);
                }
            }
            write(DESCRIPTION, timer, new Zoned(cycle, zone));
        }
    }

    /** A timer cycle expression whose cron value is placed in a zone. */
    private record Zoned(Expression cycle, ZoneId zone) implements Expression {
        @Override
        public Object getValue(VariableScope scope) {
            return zoned(cycle.getValue(scope));
        }

        private Object zoned(Object value) {
            if (value instanceof String s && !s.strip().startsWith("R") && !s.startsWith(ZonedCycleCalendar.PREFIX)) {
                return ZonedCycleCalendar.describe(zone, s.strip());
            }
            return value;
        }

        @Override
        public void setValue(Object value, VariableScope scope) {
            cycle.setValue(value, scope);
        }

        @Override
        public boolean isLiteralText() {
            return cycle.isLiteralText();
        }

        @Override
        public String getExpressionText() {
            return cycle.getExpressionText();
        }
    }

    private static Field field(String name) {
        try {
            Field f = TimerDeclarationImpl.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this Camunda version's TimerDeclarationImpl has no field " + name, e);
        }
    }

    private static Object read(Field f, Object target) {
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Field f, Object target, Object value) {
        try {
            f.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}

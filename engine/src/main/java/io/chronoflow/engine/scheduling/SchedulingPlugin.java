package io.chronoflow.engine.scheduling;

import io.chronoflow.engine.deployment.ActivityProperties;
import io.chronoflow.engine.fires.FireLedger;
import io.chronoflow.engine.metrics.TimerLag;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.jobexecutor.TimerStartEventJobHandler;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Installs Chronoflow's scheduling into the engine: time-zoned cron timers, the timer-start handler that records
 * timer lag, records fires in the fire ledger and applies misfire and overlap policies, the job manager that tells a precise job executor of new timers, and the
 * incident type of timed-out runs.
 */
@Component
public class SchedulingPlugin extends AbstractCamundaConfiguration {

    private final TimerLag lag;
    private final ObjectProvider<ActivityProperties> properties;
    private final MeterRegistry meters;
    private final FireLedger ledger;
    private final OverlapQueue overlapQueue;

    /** The model properties are looked up lazily: they need the engine this plugin helps to build. */
    public SchedulingPlugin(
            TimerLag lag, ObjectProvider<ActivityProperties> properties, MeterRegistry meters, FireLedger ledger) {
        this.lag = lag;
        this.properties = properties;
        this.meters = meters;
        this.ledger = ledger;
        this.overlapQueue = new OverlapQueue(ledger);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration
                .getJobHandlers()
                .put(TimerStartEventJobHandler.TYPE, new TimerFire(lag, properties::getObject, meters, ledger));
        configuration.getJobHandlers().put(OverlapQueue.TYPE, overlapQueue);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        MapBusinessCalendarManager calendars = new MapBusinessCalendarManager();
        calendars.addBusinessCalendar(DurationBusinessCalendar.NAME, new DurationBusinessCalendar());
        calendars.addBusinessCalendar(DueDateBusinessCalendar.NAME, new DueDateBusinessCalendar());
        calendars.addBusinessCalendar(CycleBusinessCalendar.NAME, new ZonedCycleCalendar());
        configuration.setBusinessCalendarManager(calendars);

        List<SessionFactory> sessionFactories = new ArrayList<>();
        if (configuration.getCustomSessionFactories() != null) {
            sessionFactories.addAll(configuration.getCustomSessionFactories());
        }
        sessionFactories.add(TimerAwareJobManager.FACTORY);
        configuration.setCustomSessionFactories(sessionFactories);

        List<IncidentHandler> incidentHandlers = new ArrayList<>();
        if (configuration.getCustomIncidentHandlers() != null) {
            incidentHandlers.addAll(configuration.getCustomIncidentHandlers());
        }
        incidentHandlers.add(new DefaultIncidentHandler(RunTimeouts.INCIDENT_TYPE));
        configuration.setCustomIncidentHandlers(incidentHandlers);

        List<BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPostBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPostBPMNParseListeners());
        }
        listeners.add(new TimerExpressionsCheck());
        listeners.add(new TimeZonedTimers());
        listeners.add(overlapQueue);
        configuration.setCustomPostBPMNParseListeners(listeners);
    }
}

package io.chronoflow.engine.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * Installs the engine-side metrics: {@link RunMetrics} on every parsed process and an {@link IncidentObserver} around
 * every incident handler. Others (the alert webhook) subscribe to run ends and incidents here.
 */
@Component
public class MetricsPlugin extends AbstractCamundaConfiguration {

    private final MeterRegistry meters;
    private final RunMetrics runs;
    private final List<Consumer<IncidentObserver.IncidentEvent>> incidentObservers =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public MetricsPlugin(MeterRegistry meters) {
        this.meters = meters;
        this.runs = new RunMetrics(meters);
    }

    /** Hears of every run that ends, in the transaction that ends it. */
    public void onRunEnded(Consumer<RunMetrics.RunEnded> observer) {
        runs.observe(observer);
    }

    /** Hears of every incident that opens or is resolved, after its transaction committed. */
    public void onIncident(Consumer<IncidentObserver.IncidentEvent> observer) {
        incidentObservers.add(observer);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPostBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPostBPMNParseListeners());
        }
        listeners.add(runs);
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getMetricsRegistry() != null) {
            EngineEventCounters.bind(configuration.getMetricsRegistry(), meters);
        }
        Map<String, IncidentHandler> handlers = configuration.getIncidentHandlers();
        for (Map.Entry<String, IncidentHandler> handler : handlers.entrySet()) {
            handler.setValue(new IncidentObserver(handler.getValue(), meters, incidentObserversView()));
        }
    }

    /** A live view, so observers that subscribe after the engine is built still hear of incidents. */
    private List<Consumer<IncidentObserver.IncidentEvent>> incidentObserversView() {
        return java.util.Collections.unmodifiableList(incidentObservers);
    }
}

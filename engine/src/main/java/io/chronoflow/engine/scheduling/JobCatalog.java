package io.chronoflow.engine.scheduling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronoflow.engine.api.ConflictException;
import io.chronoflow.engine.api.NotFoundException;
import io.chronoflow.engine.deployment.ActivityProperties;
import io.chronoflow.engine.fires.JobPauses;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * The jobs catalog: every deployed process is a job (its key is the job key); its schedule is the timer of its start
 * event. Pausing suspends the job's definitions and their timer jobs in the database, so it holds on every engine node;
 * runs already started go on.
 */
@Component
public class JobCatalog {

    static final int NEXT_FIRES = 5;
    static final String PAUSED = "paused";
    static final String ACTIVE = "active";

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final ManagementService management;
    private final ObjectMapper json;
    private final ActivityProperties properties;
    private final JobPauses pauses;
    private final Clock clock;

    public JobCatalog(
            RepositoryService repository,
            RuntimeService runtime,
            HistoryService history,
            ManagementService management,
            ObjectMapper json,
            ActivityProperties properties,
            JobPauses pauses,
            Clock clock) {
        this.repository = repository;
        this.runtime = runtime;
        this.history = history;
        this.management = management;
        this.json = json;
        this.properties = properties;
        this.pauses = pauses;
        this.clock = clock;
    }

    public List<JobView> list() {
        return repository.createProcessDefinitionQuery().latestVersion().list().stream()
                .sorted(Comparator.comparing(ProcessDefinition::getKey))
                .map(this::view)
                .toList();
    }

    public JobView get(String key) {
        return view(latest(key));
    }

    /** Idempotent: pausing a paused job changes nothing. */
    public JobView pause(String key) {
        ProcessDefinition definition = latest(key);
        if (!definition.isSuspended()) {
            repository
                    .updateProcessDefinitionSuspensionState()
                    .byProcessDefinitionKey(key)
                    .includeProcessInstances(false)
                    .suspend();
        }
        pauses.paused(key, clock.instant());
        return get(key);
    }

    /** Idempotent: resuming an active job changes nothing. */
    public JobView resume(String key) {
        ProcessDefinition definition = latest(key);
        if (definition.isSuspended()) {
            repository
                    .updateProcessDefinitionSuspensionState()
                    .byProcessDefinitionKey(key)
                    .includeProcessInstances(false)
                    .activate();
        }
        pauses.resumed(key, clock.instant());
        return get(key);
    }

    /** Starts a run now; refused while the job is paused. */
    public RunSummary trigger(String key, TriggerRequest request) {
        ProcessDefinition definition = latest(key);
        if (definition.isSuspended()) {
            throw new ConflictException("job '" + key + "' is paused; resume it before triggering a run");
        }
        Map<String, Object> variables = engineVariables(request.variables());
        ProcessInstance started = runtime.createProcessInstanceById(definition.getId())
                .businessKey(request.businessKey())
                .setVariables(variables)
                .execute();
        HistoricProcessInstance run = history.createHistoricProcessInstanceQuery()
                .processInstanceId(started.getId())
                .singleResult();
        if (run == null) { // the job keeps no history (chronoflow.history=none)
            return RunSummary.withoutHistory(
                    runtime.createProcessInstanceQuery()
                            .processInstanceId(started.getId())
                            .singleResult(),
                    started.getId(),
                    key,
                    request.businessKey());
        }
        return summary(run);
    }

    public Page<RunSummary> runs(String key, int page, int size) {
        latest(key);
        long total = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(key)
                .count();
        List<RunSummary> runs = history
                .createHistoricProcessInstanceQuery()
                .processDefinitionKey(key)
                .orderByProcessInstanceStartTime()
                .desc()
                .listPage(page * size, size)
                .stream()
                .map(r -> summary(r))
                .toList();
        return new Page<>(runs, page, size, total);
    }

    public RunDetail run(String id) {
        HistoricProcessInstance run = history.createHistoricProcessInstanceQuery()
                .processInstanceId(id)
                .singleResult();
        if (run == null) {
            throw new NotFoundException("run '" + id + "' does not exist");
        }
        List<HistoricActivityInstance> instances = history.createHistoricActivityInstanceQuery()
                .processInstanceId(id)
                .orderByHistoricActivityInstanceStartTime()
                .asc()
                .orderPartiallyByOccurrence()
                .asc()
                .list();
        List<RunDetail.Activity> activities = instances.stream()
                .map(a -> new RunDetail.Activity(
                        a.getActivityId(),
                        a.getActivityName(),
                        a.getActivityType(),
                        a.getStartTime() == null ? null : a.getStartTime().toInstant(),
                        a.getEndTime() == null ? null : a.getEndTime().toInstant(),
                        a.getDurationInMillis(),
                        a.isCanceled() ? "canceled" : a.getEndTime() == null ? "active" : "completed"))
                .toList();
        return new RunDetail(summary(run), activities, shards(activities));
    }

    private static List<RunDetail.ShardSummary> shards(List<RunDetail.Activity> activities) {
        List<RunDetail.ShardSummary> shards = new ArrayList<>();
        for (RunDetail.Activity body : activities) {
            if (!"multiInstanceBody".equals(body.type())) {
                continue;
            }
            String inner = body.activityId().replace("#multiInstanceBody", "");
            Map<String, Long> byState = activities.stream()
                    .filter(a -> a.activityId().equals(inner) && !"multiInstanceBody".equals(a.type()))
                    .collect(Collectors.groupingBy(RunDetail.Activity::state, Collectors.counting()));
            int completed = byState.getOrDefault("completed", 0L).intValue();
            int active = byState.getOrDefault("active", 0L).intValue();
            int canceled = byState.getOrDefault("canceled", 0L).intValue();
            shards.add(new RunDetail.ShardSummary(inner, completed + active + canceled, completed, active, canceled));
        }
        return shards;
    }

    private ProcessDefinition latest(String key) {
        ProcessDefinition definition = key == null
                ? null
                : repository
                        .createProcessDefinitionQuery()
                        .processDefinitionKey(key)
                        .latestVersion()
                        .singleResult();
        if (definition == null) {
            throw new NotFoundException("job '" + key + "' does not exist");
        }
        return definition;
    }

    private JobView view(ProcessDefinition definition) {
        Schedule schedule = Schedule.of(repository.getBpmnModelInstance(definition.getId()), definition.getKey());
        String zoneProperty =
                properties.of(definition.getId(), definition.getKey()).get(TimeZonedTimers.PROPERTY);
        ZoneId zone = zoneProperty == null ? null : ZoneId.of(zoneProperty.strip());
        boolean paused = definition.isSuspended();
        List<Instant> next = List.of();
        if (!paused && !Schedule.ON_DEMAND.equals(schedule)) {
            Instant firstDue =
                    management
                            .createJobQuery()
                            .processDefinitionId(definition.getId())
                            .timers()
                            .active()
                            .list()
                            .stream()
                            .map(Job::getDuedate)
                            .filter(d -> d != null)
                            .map(java.util.Date::toInstant)
                            .min(Comparator.naturalOrder())
                            .orElse(null);
            next = NextFires.after(schedule, firstDue, NEXT_FIRES, zone);
        }
        HistoricProcessInstance last = history
                .createHistoricProcessInstanceQuery()
                .processDefinitionKey(definition.getKey())
                .orderByProcessInstanceStartTime()
                .desc()
                .listPage(0, 1)
                .stream()
                .findFirst()
                .orElse(null);
        long incidents = runtime.createIncidentQuery()
                .processDefinitionKeyIn(definition.getKey())
                .count();
        return new JobView(
                definition.getKey(),
                definition.getName(),
                definition.getVersion(),
                definition.getId(),
                schedule,
                (zone == null ? ZoneId.systemDefault() : zone).getId(),
                next,
                paused ? PAUSED : ACTIVE,
                last == null ? null : summary(last),
                incidents);
    }

    private RunSummary summary(HistoricProcessInstance run) {
        return RunSummary.of(run, lastError(run), compensated(run));
    }

    /**
     * True when a completed run ended at an end event marked {@code chronoflow.outcome=compensated} (a saga that undid
     * its steps).
     */
    private boolean compensated(HistoricProcessInstance run) {
        if (!HistoricProcessInstance.STATE_COMPLETED.equals(run.getState())) {
            return false;
        }
        return history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(run.getId())
                .activityType("noneEndEvent")
                .finished()
                .list()
                .stream()
                .anyMatch(end -> RunSummary.COMPENSATED.equals(properties
                        .of(run.getProcessDefinitionId(), end.getActivityId())
                        .get(RunSummary.OUTCOME_PROPERTY)));
    }

    private HistoricIncident lastError(HistoricProcessInstance run) {
        if (HistoricProcessInstance.STATE_COMPLETED.equals(run.getState())) {
            return null;
        }
        return history
                .createHistoricIncidentQuery()
                .processInstanceId(run.getId())
                .orderByCreateTime()
                .desc()
                .listPage(0, 1)
                .stream()
                .findFirst()
                .orElse(null);
    }

    /** Plain JSON values to engine variables: objects and arrays become JSON (Spin), never Java serialization. */
    Map<String, Object> engineVariables(Map<String, Object> variables) {
        Map<String, Object> converted = new LinkedHashMap<>();
        if (variables == null) {
            return converted;
        }
        for (Map.Entry<String, Object> e : variables.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isBlank() || name.length() > 255) {
                throw new IllegalArgumentException(
                        "Field 'variables': variable names must be 1 to 255 characters, was '" + name + "'.");
            }
            Object value = e.getValue();
            if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
                try {
                    converted.put(
                            name,
                            SpinValues.jsonValue(json.writeValueAsString(value)).create());
                } catch (JsonProcessingException ex) {
                    throw new IllegalArgumentException("Field 'variables." + name + "' cannot be stored as JSON.");
                }
            } else if (value instanceof BigInteger big) {
                if (big.bitLength() > 63) {
                    throw new IllegalArgumentException(
                            "Field 'variables." + name + "' is a number too large for a 64-bit integer.");
                }
                converted.put(name, big.longValue());
            } else if (value instanceof BigDecimal decimal) {
                converted.put(name, decimal.doubleValue());
            } else {
                converted.put(name, value);
            }
        }
        return converted;
    }
}

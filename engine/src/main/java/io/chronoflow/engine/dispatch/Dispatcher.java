package io.chronoflow.engine.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoflow.engine.deployment.ActivityProperties;
import io.chronoflow.worker.registry.WorkerDirectory;
import io.chronoflow.worker.registry.WorkerRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.impl.Direction;
import org.camunda.bpm.engine.impl.ExternalTaskQueryProperty;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.OptimisticLockingListener;
import org.camunda.bpm.engine.impl.db.entitymanager.OptimisticLockingResult;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbEntityOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation;
import org.camunda.bpm.engine.impl.externaltask.TopicFetchInstruction;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.camunda.bpm.engine.impl.util.SingleConsumerCondition;
import org.camunda.bpm.engine.rest.dto.VariableValueDto;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.engine.variable.impl.VariableMapImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Hands external tasks to the workers that long-poll this node, choosing each task's worker by the job's routing
 * strategy. One thread does the work: it wakes when a worker asks, when this node creates external tasks, and at least
 * every {@value #TICK_MS} ms while requests wait (tasks created on other nodes); it locks each task to its chosen
 * worker with the engine's own lock, so several engine nodes dispatching at once never hand a task out twice.
 */
@Component
public class Dispatcher implements SmartLifecycle {

    static final long TICK_MS = 100;
    private static final List<QueryOrderingProperty> BY_PRIORITY =
            List.of(new QueryOrderingProperty(ExternalTaskQueryProperty.PRIORITY, Direction.DESCENDING));
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration LIVE_CACHE = Duration.ofMillis(500);

    private final CommandExecutor commands;
    private final WorkerDirectory directory;
    private final ActivityProperties properties;
    private final Clock clock;
    private final ObjectMapper camundaJson = JacksonConfigurator.configureObjectMapper(new ObjectMapper());
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Set<String> badRoutingReported = ConcurrentHashMap.newKeySet();
    private final MeterRegistry meters;
    private final Map<String, Timer> latencies = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread thread;
    private SingleConsumerCondition wake;
    private List<WorkerRecord> live = List.of();
    private Instant liveReadAt = Instant.EPOCH;
    private boolean liveKnown;

    public Dispatcher(
            ProcessEngine engine,
            WorkerDirectory directory,
            ActivityProperties properties,
            MeterRegistry meters,
            Clock clock) {
        this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
        this.directory = directory;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    private Timer latency(String topic) {
        return latencies.computeIfAbsent(
                topic,
                t -> Timer.builder("chronoflow.dispatch.latency")
                        .description("External task created until locked to a worker by the dispatcher, by topic")
                        .tag("topic", t)
                        .publishPercentileHistogram()
                        .register(meters));
    }

    /** One waiting fetch request. */
    private static final class Pending {
        final DispatchRequest request;
        final DeferredResult<ArrayNode> result;
        final Instant submittedAt;
        final Instant deadline;
        final ArrayNode tasks;
        int remaining;

        Pending(
                DispatchRequest request,
                DeferredResult<ArrayNode> result,
                Instant submittedAt,
                Instant deadline,
                ArrayNode tasks) {
            this.request = request;
            this.result = result;
            this.submittedAt = submittedAt;
            this.deadline = deadline;
            this.tasks = tasks;
            this.remaining = request.maxTasks();
        }

        boolean wants(String topic) {
            return remaining > 0
                    && request.topics().stream().anyMatch(t -> t.topicName().equals(topic));
        }

        long lockDuration(String topic) {
            return topic(topic).lockDuration();
        }

        List<String> variables(String topic) {
            return topic(topic).variables();
        }

        private DispatchRequest.Topic topic(String topic) {
            return request.topics().stream()
                    .filter(t -> t.topicName().equals(topic))
                    .findFirst()
                    .orElseThrow();
        }
    }

    public DeferredResult<ArrayNode> submit(DispatchRequest request) {
        DeferredResult<ArrayNode> result = new DeferredResult<>(request.asyncResponseTimeout() + 10_000L);
        Instant now = clock.instant();
        Pending p = new Pending(
                request, result, now, now.plusMillis(request.asyncResponseTimeout()), camundaJson.createArrayNode());
        result.onTimeout(() -> result.setResult(camundaJson.createArrayNode()));
        result.onCompletion(() -> pending.remove(p));
        pending.add(p);
        SingleConsumerCondition w = wake;
        if (w != null) {
            w.signal();
        }
        return result;
    }

    /** Answers the worker's waiting requests now, with whatever they hold. */
    public void cancel(String workerId) {
        for (Pending p : pending) {
            if (p.request.workerId().equals(workerId)) {
                p.remaining = 0;
                p.result.setResult(p.tasks);
            }
        }
    }

    private void loop() {
        while (running) {
            try {
                dispatchOnce();
            } catch (RuntimeException e) {
                log.warn("CF-DISPATCH-001 dispatch round failed, retrying: {}", e.toString());
            }
            wake.await(pending.isEmpty() ? 1_000 : TICK_MS);
        }
    }

    void dispatchOnce() {
        Instant now = clock.instant();
        for (Pending p : pending) {
            if (!p.tasks.isEmpty() || !now.isBefore(p.deadline)) {
                p.result.setResult(p.tasks);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        Set<String> topics = new java.util.TreeSet<>();
        pending.forEach(p -> p.request.topics().forEach(t -> topics.add(t.topicName())));
        List<WorkerRecord> liveWorkers = liveWorkers(now, newcomerWaiting());
        Set<String> liveIds = ids(liveWorkers);
        for (String topic : topics) {
            dispatchTopic(topic, liveWorkers, liveIds, now);
        }
        for (Pending p : pending) {
            if (!p.tasks.isEmpty()) {
                p.result.setResult(p.tasks);
            }
        }
    }

    /** A task this round locked to a waiting request, with the JSON the worker gets. */
    private record Handout(Pending target, String taskId, String topic, Date createdAt, ObjectNode json) {}

    /**
     * Queries the topic's open tasks, routes them, locks them and reads their variables in one engine transaction. A
     * task another node or a plain fetchAndLock client locked meanwhile fails its lock's revision check when the
     * transaction commits; it is dropped from the round's handouts instead of failing the round.
     */
    private void dispatchTopic(String topic, List<WorkerRecord> liveWorkers, Set<String> liveIds, Instant now) {
        Map<String, Pending> ready = new LinkedHashMap<>();
        for (Pending p : pending) {
            // Judge only by a registry read newer than the request: a worker that just registered is not in an older
            // one.
            boolean gone = Boolean.TRUE.equals(p.request.registered())
                    && liveKnown
                    && liveReadAt.isAfter(p.submittedAt)
                    && !liveIds.contains(p.request.workerId());
            if (gone) {
                p.remaining = 0; // its registry entry expired: the worker is dead or leaving
            } else if (p.wants(topic) && !p.result.isSetOrExpired()) {
                ready.putIfAbsent(p.request.workerId(), p);
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        List<Handout> handouts = commands.execute(context -> route(context, topic, ready, liveWorkers, now));
        for (Handout handout : handouts) {
            handout.target().tasks.add(handout.json());
            handout.target().remaining--;
            if (handout.createdAt() != null) {
                latency(handout.topic())
                        .record(
                                Math.max(
                                        0,
                                        now.toEpochMilli() - handout.createdAt().getTime()),
                                TimeUnit.MILLISECONDS);
            }
        }
    }

    private List<Handout> route(
            CommandContext context,
            String topic,
            Map<String, Pending> ready,
            List<WorkerRecord> liveWorkers,
            Instant now) {
        Map<String, Integer> left = new LinkedHashMap<>();
        ready.forEach((id, p) -> left.put(id, p.remaining));
        int wanted = left.values().stream().mapToInt(Integer::intValue).sum();
        // The query Camunda's own fetchAndLock runs (unlocked, active, retries left, highest priority first). Not the
        // public ExternalTaskQuery: that one selects DISTINCT over every open task of the topic before its LIMIT, so a
        // round's cost grew with the backlog (35 to 67 ms at 5,000 open tasks); this one stops at the LIMIT.
        List<ExternalTaskEntity> open = context.getExternalTaskManager()
                .selectExternalTasksForTopics(
                        List.of(new TopicFetchInstruction(topic, 0)), Math.min(200, wanted * 4), BY_PRIORITY);
        List<Handout> handouts = new ArrayList<>();
        if (open.isEmpty()) {
            return handouts;
        }
        context.getDbEntityManager().registerOptimisticLockingListener(new DropLostLocks(handouts));
        Map<String, Long> dispatchedNow = new HashMap<>();
        for (ExternalTaskEntity task : open) {
            if (left.isEmpty()) {
                break;
            }
            Routing routing = routing(task);
            Route route = routes.computeIfAbsent(
                    task.getProcessDefinitionId() + "/" + task.getActivityId() + "/" + routing.id(),
                    k -> routing.newRoute());
            List<Candidate> candidates = candidates(topic, liveWorkers, ready, dispatchedNow);
            RoutedTask routed = new RoutedTask(
                    task.getId(),
                    topic,
                    task.getBusinessKey(),
                    task.getProcessInstanceId(),
                    routing == Routing.BROADCAST ? shardIndex(task) : null);
            String chosen = route.choose(routed, candidates, left.keySet()).orElse(null);
            Pending target = chosen == null ? null : ready.get(chosen);
            if (target == null) {
                continue; // nobody now, or held for a worker that is busy or polls another node
            }
            long lockDuration = target.lockDuration(topic);
            task.lock(chosen, lockDuration);
            handouts.add(new Handout(
                    target,
                    task.getId(),
                    task.getTopicName(),
                    task.getCreateTime(),
                    lockedTask(task, chosen, now.plusMillis(lockDuration), target.variables(topic))));
            dispatchedNow.merge(chosen, 1L, Long::sum);
            if (left.merge(chosen, -1, Integer::sum) == 0) {
                left.remove(chosen);
            }
        }
        return handouts;
    }

    /**
     * Drops a task from the round's handouts when its lock lost the race (another node or client locked it between
     * the query and the commit); any other failed write fails the round.
     */
    private record DropLostLocks(List<Handout> handouts) implements OptimisticLockingListener {

        @Override
        public Class<? extends DbEntity> getEntityType() {
            return ExternalTaskEntity.class;
        }

        @Override
        public OptimisticLockingResult failedOperation(DbOperation operation) {
            if (operation instanceof DbEntityOperation entityOperation
                    && handouts.removeIf(
                            h -> h.taskId().equals(entityOperation.getEntity().getId()))) {
                return OptimisticLockingResult.IGNORE;
            }
            return OptimisticLockingResult.THROW;
        }
    }

    private List<Candidate> candidates(
            String topic, List<WorkerRecord> liveWorkers, Map<String, Pending> ready, Map<String, Long> dispatchedNow) {
        Map<String, Candidate> byId = new java.util.TreeMap<>();
        for (WorkerRecord w : liveWorkers) {
            if (w.topics().contains(topic)) {
                byId.put(
                        w.id(),
                        new Candidate(w.id(), w.weight(), w.inFlight() + dispatchedNow.getOrDefault(w.id(), 0L)));
            }
        }
        for (Pending p : ready.values()) {
            String id = p.request.workerId();
            byId.computeIfAbsent(
                    id,
                    k -> new Candidate(
                            k, p.request.weight() == null ? 1 : p.request.weight(), dispatchedNow.getOrDefault(k, 0L)));
        }
        return new ArrayList<>(byId.values());
    }

    private Routing routing(ExternalTask task) {
        String value = properties
                .of(task.getProcessDefinitionId(), task.getActivityId())
                .get("chronoflow.routing");
        try {
            return Routing.of(value);
        } catch (IllegalArgumentException e) {
            if (badRoutingReported.add(task.getProcessDefinitionId() + "/" + task.getActivityId())) {
                log.warn(
                        "CF-DISPATCH-002 {} in {} ({}); using {}",
                        e.getMessage(),
                        task.getProcessDefinitionKey(),
                        task.getActivityId(),
                        Routing.DEFAULT.id());
            }
            return Routing.DEFAULT;
        }
    }

    private static Integer shardIndex(ExternalTaskEntity task) {
        Object index = task.getExecution().getVariable("shardIndex");
        return index instanceof Number n ? n.intValue() : null;
    }

    /** A registered worker asked after the last registry read and is not in it: read the registry again now. */
    private boolean newcomerWaiting() {
        Set<String> known = ids(live);
        for (Pending p : pending) {
            if (Boolean.TRUE.equals(p.request.registered())
                    && p.submittedAt.isAfter(liveReadAt)
                    && !known.contains(p.request.workerId())) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> ids(List<WorkerRecord> workers) {
        Set<String> ids = new java.util.HashSet<>();
        workers.forEach(w -> ids.add(w.id()));
        return ids;
    }

    private List<WorkerRecord> liveWorkers(Instant now, boolean refresh) {
        if (refresh || Duration.between(liveReadAt, now).compareTo(LIVE_CACHE) >= 0) {
            try {
                live = directory.live();
                liveKnown = true;
            } catch (RuntimeException e) {
                log.debug("registry unreadable, routing among the waiting workers only", e);
                live = List.of();
                liveKnown = false;
            }
            liveReadAt = clock.instant();
        }
        return live;
    }

    /** The task as fetchAndLock answers it, with the variables the worker asked for (null: all of them). */
    private ObjectNode lockedTask(
            ExternalTaskEntity task, String workerId, Instant lockExpiration, List<String> variableNames) {
        ObjectNode node = camundaJson
                .createObjectNode()
                .put("id", task.getId())
                .put("topicName", task.getTopicName())
                .put("workerId", workerId)
                .put("processDefinitionId", task.getProcessDefinitionId())
                .put("processDefinitionKey", task.getProcessDefinitionKey())
                .put("processInstanceId", task.getProcessInstanceId())
                .put("executionId", task.getExecutionId())
                .put("activityId", task.getActivityId())
                .put("activityInstanceId", task.getActivityInstanceId())
                .put("businessKey", task.getBusinessKey())
                .put("priority", task.getPriority());
        if (task.getRetries() != null) {
            node.put("retries", task.getRetries());
        }
        node.set("lockExpirationTime", camundaJson.valueToTree(Date.from(lockExpiration)));
        VariableMapImpl variables = new VariableMapImpl();
        if (variableNames == null || !variableNames.isEmpty()) {
            task.getExecution().collectVariables(variables, variableNames, false, false);
        }
        node.set("variables", camundaJson.valueToTree(VariableValueDto.fromMap(variables)));
        node.set(
                "extensionProperties",
                // A queried task carries no extension properties (only fetchAndLock loads them): read the model's.
                camundaJson.valueToTree(properties.of(task.getProcessDefinitionId(), task.getActivityId())));
        return node;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::loop, "cf-dispatcher");
        thread.setDaemon(true);
        wake = new SingleConsumerCondition(thread);
        ProcessEngineImpl.EXT_TASK_CONDITIONS.addConsumer(wake);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (wake != null) {
            ProcessEngineImpl.EXT_TASK_CONDITIONS.removeConsumer(wake);
            wake.signal();
        }
        for (Pending p : pending) {
            p.result.setResult(p.tasks);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

package io.chronoflow.engine.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.camunda.bpm.engine.rest.dto.VariableValueDto;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Completes a worker's batch of external tasks in one engine transaction. A task that cannot be completed by this
 * worker — another worker holds it now (its lock ran out and it was fetched again), it was completed or deleted, its
 * topic is not the worker's, the caller may not update its run — is left alone and reported; the others complete. If
 * the transaction fails on a concurrent change to one of the tasks (optimistic locking), each task is completed in a
 * transaction of its own instead, so one contested task does not fail the batch. A task is completed at most once:
 * the engine's own checks (lock owner, row revision) apply to every completion.
 */
@Component
public class BatchCompletion {

    private static final Logger log = LoggerFactory.getLogger(BatchCompletion.class);

    private final ProcessEngine engine;
    private final ObjectMapper json;

    public BatchCompletion(ProcessEngine engine, ObjectMapper json) {
        this.engine = engine;
        this.json = json;
    }

    /** Completes the batch; {@code mayWorkOn} says which topics the caller may work on. */
    public CompleteBatch.Result complete(CompleteBatch batch, Predicate<String> mayWorkOn) {
        List<Completion> completions = new ArrayList<>();
        for (int i = 0; i < batch.tasks().size(); i++) {
            CompleteBatch.Task task = batch.tasks().get(i);
            completions.add(new Completion(
                    task.id(),
                    variables(task.variables(), "tasks[" + i + "].variables"),
                    variables(task.localVariables(), "tasks[" + i + "].localVariables")));
        }
        try {
            return execute(batch.workerId(), completions, mayWorkOn);
        } catch (OptimisticLockingException contested) {
            log.debug("batch of {} contested ({}); completing one by one", completions.size(), contested.getMessage());
            List<String> completed = new ArrayList<>();
            List<CompleteBatch.Refused> refused = new ArrayList<>();
            for (Completion completion : completions) {
                try {
                    CompleteBatch.Result one = execute(batch.workerId(), List.of(completion), mayWorkOn);
                    completed.addAll(one.completed());
                    refused.addAll(one.refused());
                } catch (OptimisticLockingException e) {
                    refused.add(new CompleteBatch.Refused(completion.id(), "changed concurrently by another worker"));
                }
            }
            return new CompleteBatch.Result(completed, refused);
        }
    }

    private record Completion(String id, VariableMap variables, VariableMap localVariables) {}

    private CompleteBatch.Result execute(String workerId, List<Completion> completions, Predicate<String> mayWorkOn) {
        Command<CompleteBatch.Result> command = context -> {
            List<String> completed = new ArrayList<>();
            List<CompleteBatch.Refused> refused = new ArrayList<>();
            RunAccess access = new RunAccess(context);
            for (Completion completion : completions) {
                ExternalTaskEntity task = context.getExternalTaskManager().findExternalTaskById(completion.id());
                String reason = refusal(task, workerId, mayWorkOn, access);
                if (reason != null) {
                    refused.add(new CompleteBatch.Refused(completion.id(), reason));
                    continue;
                }
                task.complete(completion.variables(), completion.localVariables());
                completed.add(completion.id());
            }
            return new CompleteBatch.Result(completed, refused);
        };
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired()
                .execute(command);
    }

    /** Why this worker may not complete the task, or null if it may. */
    private static String refusal(
            ExternalTaskEntity task, String workerId, Predicate<String> mayWorkOn, RunAccess access) {
        if (task == null) {
            return "no such task: it was completed or deleted";
        }
        if (!workerId.equals(task.getWorkerId())) {
            return "locked by worker '" + task.getWorkerId() + "' now, not by '" + workerId + "'";
        }
        if (!mayWorkOn.test(task.getTopicName())) {
            return "this worker may not work on topic '" + task.getTopicName() + "'";
        }
        return access.mayUpdate(task) ? null : "not authorized to update its run";
    }

    /**
     * The engine's check that the caller may update a task's run (as Camunda's own complete makes it: UPDATE on the
     * run or UPDATE_INSTANCE on its definition, and the tenant checks), with one shortcut for a batch: a grant of
     * UPDATE_INSTANCE on a definition, which alone satisfies the authorization check, is looked up once per definition
     * instead of one authorization query per task.
     */
    private static final class RunAccess {
        private final CommandContext context;
        private final List<CommandChecker> checkers;
        private final Map<String, Boolean> definitionGrants = new HashMap<>();

        RunAccess(CommandContext context) {
            this.context = context;
            this.checkers = context.getProcessEngineConfiguration().getCommandCheckers();
        }

        boolean mayUpdate(ExternalTaskEntity task) {
            boolean granted = definitionGrants.computeIfAbsent(
                    task.getProcessDefinitionKey(),
                    key -> context.getAuthorizationManager()
                            .isAuthorized(Permissions.UPDATE_INSTANCE, Resources.PROCESS_DEFINITION, key));
            try {
                for (CommandChecker checker : checkers) {
                    if (!(granted && checker instanceof AuthorizationCommandChecker)) {
                        checker.checkUpdateProcessInstanceById(task.getProcessInstanceId());
                    }
                }
                return true;
            } catch (AuthorizationException e) {
                return false;
            }
        }
    }

    private VariableMap variables(Map<String, VariableValueDto> values, String field) {
        if (values == null || values.isEmpty()) {
            return Variables.createVariables();
        }
        try {
            return VariableValueDto.toMap(values, engine, json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Field '" + field + "' is invalid: " + e.getMessage());
        }
    }
}

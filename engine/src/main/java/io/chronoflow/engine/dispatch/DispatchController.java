package io.chronoflow.engine.dispatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.chronoflow.engine.security.WorkerPrincipal;
import jakarta.validation.Valid;
import java.util.function.Predicate;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * {@code POST /api/v1/dispatch/fetch-and-lock}: the routed long poll of registered workers. It answers as Camunda's
 * {@code /engine-rest/external-task/fetchAndLock} does (a list of locked tasks), but which worker gets a task is
 * decided by the task's {@code chronoflow.routing}. {@code POST /api/v1/dispatch/complete} completes a batch of tasks
 * in one request; failing and extending stay on {@code /engine-rest}.
 */
@RestController
@RequestMapping("/api/v1/dispatch")
public class DispatchController {

    private final Dispatcher dispatcher;
    private final BatchCompletion completion;

    public DispatchController(Dispatcher dispatcher, BatchCompletion completion) {
        this.dispatcher = dispatcher;
        this.completion = completion;
    }

    @PostMapping("/fetch-and-lock")
    public DeferredResult<ArrayNode> fetchAndLock(@Valid @RequestBody DispatchRequest request) {
        return dispatcher.submit(request);
    }

    /** A worker that stops: its waiting requests are answered at once, so no task is locked to a worker that left. */
    @PostMapping("/cancel")
    public ResponseEntity<Void> cancel(@Valid @RequestBody DispatchRequest.Cancel cancel) {
        dispatcher.cancel(cancel.workerId());
        return ResponseEntity.noContent().build();
    }

    /**
     * Completes a batch of tasks locked to one worker in one request; answers which completed and which were refused
     * (and why), never failing the batch for one task another worker holds now.
     */
    @PostMapping("/complete")
    public CompleteBatch.Result complete(@Valid @RequestBody CompleteBatch batch, Authentication caller) {
        Predicate<String> mayWorkOn = caller != null && caller.getPrincipal() instanceof WorkerPrincipal worker
                ? worker::mayWorkOn
                : topic -> true;
        return completion.complete(batch, mayWorkOn);
    }
}

package io.chronoflow.engine.dispatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * {@code POST /api/v1/dispatch/fetch-and-lock}: the routed long poll of registered workers. It answers as Camunda's
 * {@code /engine-rest/external-task/fetchAndLock} does (a list of locked tasks), but which worker gets a task is
 * decided by the task's {@code chronoflow.routing}. Completing, failing and extending stay on {@code /engine-rest}.
 */
@RestController
@RequestMapping("/api/v1/dispatch")
public class DispatchController {

    private final Dispatcher dispatcher;

    public DispatchController(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
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
}

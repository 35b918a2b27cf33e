package io.chronoflow.engine.registry;

import io.chronoflow.worker.registry.WorkerDirectory;
import io.chronoflow.worker.registry.WorkerRecord;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/workers}: the live workers with their last heartbeat and task counts. */
@RestController
@RequestMapping("/api/v1/workers")
public class WorkersController {

    private final WorkerDirectory directory;

    public WorkersController(WorkerDirectory directory) {
        this.directory = directory;
    }

    /**
     * @param workers the live workers, by id.
     */
    public record Workers(List<WorkerRecord> workers) {}

    @GetMapping
    public Workers list() {
        return new Workers(directory.live());
    }
}

package io.chronoflow.engine.scheduling;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/jobs}: the jobs catalog, pause and resume, trigger a run, a job's runs. */
@RestController
@RequestMapping("/api/v1/jobs")
public class JobsController {

    private final JobCatalog catalog;

    public JobsController(JobCatalog catalog) {
        this.catalog = catalog;
    }

    /** @param jobs every job, by key. */
    public record Jobs(List<JobView> jobs) {}

    @GetMapping
    public Jobs list() {
        return new Jobs(catalog.list());
    }

    @GetMapping("/{key}")
    public JobView get(@PathVariable String key) {
        return catalog.get(key);
    }

    @PostMapping("/{key}/pause")
    public JobView pause(@PathVariable String key) {
        return catalog.pause(key);
    }

    @PostMapping("/{key}/resume")
    public JobView resume(@PathVariable String key) {
        return catalog.resume(key);
    }

    @PostMapping("/{key}/trigger")
    public ResponseEntity<RunSummary> trigger(
            @PathVariable String key, @Valid @RequestBody(required = false) TriggerRequest request) {
        RunSummary run = catalog.trigger(key, request == null ? new TriggerRequest(null, Map.of()) : request);
        return ResponseEntity.created(URI.create("/api/v1/runs/" + run.id())).body(run);
    }

    @GetMapping("/{key}/runs")
    public Page<RunSummary> runs(
            @PathVariable String key,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return catalog.runs(key, page, size);
    }
}

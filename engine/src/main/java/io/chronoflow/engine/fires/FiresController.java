package io.chronoflow.engine.fires;

import io.chronoflow.engine.api.NotFoundException;
import io.chronoflow.engine.api.TimeRange;
import io.chronoflow.engine.scheduling.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Duration;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fire ledger over HTTP: {@code GET /api/v1/jobs/{key}/fires} (a job's expected fires with their classification)
 * and {@code GET /api/v1/fires?status=} (fires of one status across jobs). Ranges default to the last 24 hours and
 * may span at most 31 days; newest due first, paged.
 */
@RestController
public class FiresController {

    static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    static final Duration MAX_SPAN = Duration.ofDays(31);

    private final FireQueries fires;
    private final RepositoryService repository;
    private final Clock clock;

    public FiresController(FireQueries fires, RepositoryService repository, Clock clock) {
        this.fires = fires;
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * @param from ISO-8601 instant; default 24 hours before {@code to}.
     * @param to ISO-8601 instant; default now.
     */
    @GetMapping("/api/v1/jobs/{key}/fires")
    public Page<FireView> ofJob(
            @PathVariable String key,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        TimeRange range = TimeRange.parse(from, to, clock, DEFAULT_SPAN, MAX_SPAN);
        FireStatus wanted = status == null ? null : FireStatus.of(status);
        if (repository.createProcessDefinitionQuery().processDefinitionKey(key).count() == 0) {
            throw new NotFoundException("job '" + key + "' does not exist");
        }
        return fires.find(key, wanted, range, page, size);
    }

    /**
     * @param status on-time, late, missed, skipped-by-policy, paused, queued or duplicate-refused (fires that had a
     *     second run refused); default: every fire.
     */
    @GetMapping("/api/v1/fires")
    public Page<FireView> all(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        TimeRange range = TimeRange.parse(from, to, clock, DEFAULT_SPAN, MAX_SPAN);
        return fires.find(null, status == null ? null : FireStatus.of(status), range, page, size);
    }
}

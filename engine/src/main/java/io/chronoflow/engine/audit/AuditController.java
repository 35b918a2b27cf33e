package io.chronoflow.engine.audit;

import io.chronoflow.engine.api.TimeRange;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit}: the audit log, newest first (admins only). */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    private final AuditLog auditLog;
    private final Clock clock;

    public AuditController(AuditLog auditLog, Clock clock) {
        this.auditLog = auditLog;
        this.clock = clock;
    }

    public record Entries(List<AuditLog.Entry> entries) {}

    /**
     * @param from ISO-8601 instant; default 24 hours before {@code to}.
     * @param to ISO-8601 instant; default now.
     * @param actor only this user's entries.
     * @param action only this action (deploy, pause, resume, trigger, retry, …).
     * @param limit at most this many entries (1 to 1000, default 100).
     */
    @GetMapping
    public Entries find(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        TimeRange range = TimeRange.parse(from, to, clock, Duration.ofHours(24), null);
        return new Entries(auditLog.find(range.from(), range.to(), actor, action, limit));
    }
}

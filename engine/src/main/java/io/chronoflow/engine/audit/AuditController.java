package io.chronoflow.engine.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit}: the audit log, newest first (admins only). */
@RestController
@Validated
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
        Instant until = to == null ? clock.instant() : instant("to", to);
        Instant since = from == null ? until.minus(Duration.ofHours(24)) : instant("from", from);
        if (since.isAfter(until)) {
            throw new IllegalArgumentException("parameter 'from' (" + since + ") is after 'to' (" + until + ")");
        }
        return new Entries(auditLog.find(since, until, actor, action, limit));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("parameter '" + name
                    + "' must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, was '" + value + "'");
        }
    }
}

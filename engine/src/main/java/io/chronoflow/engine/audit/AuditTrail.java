package io.chronoflow.engine.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every request that changes what runs or who may act: deployments, pausing, resuming, triggering and
 * suspending jobs, starting runs, retrying failed jobs, managing users, groups, authorizations and worker tokens;
 * through {@code /api/v1}, {@code /engine-rest} or the webapps' own API. Each entry holds who, what, when and the HTTP
 * status it ended with, refusals included. Reads are not recorded.
 */
public final class AuditTrail extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final AntPathMatcher PATHS = new AntPathMatcher();
    /** The Camunda webapps call the engine's REST API under this prefix, per engine name. */
    private static final String WEBAPP_ENGINE_API = "/camunda/api/engine/engine/*";

    private record Rule(String method, String pattern, String action) {}

    private static final List<Rule> RULES = List.of(
            new Rule("POST", "/engine-rest/deployment/create", "deploy"),
            new Rule("POST", "/engine-rest/deployment/*/redeploy", "deploy"),
            new Rule("DELETE", "/engine-rest/deployment/*", "undeploy"),
            new Rule("POST", "/api/v1/jobs/*/pause", "pause"),
            new Rule("POST", "/api/v1/jobs/*/resume", "resume"),
            new Rule("POST", "/api/v1/jobs/*/trigger", "trigger"),
            new Rule("PUT", "/engine-rest/process-definition/**/suspended", "suspend-or-activate"),
            new Rule("PUT", "/engine-rest/job-definition/**/suspended", "suspend-or-activate"),
            new Rule("PUT", "/engine-rest/process-instance/**/suspended", "suspend-or-activate"),
            new Rule("POST", "/engine-rest/process-definition/**/start", "start-run"),
            new Rule("POST", "/engine-rest/process-definition/**/submit-form", "start-run"),
            new Rule("DELETE", "/engine-rest/process-instance/*", "cancel-run"),
            new Rule("PUT", "/engine-rest/job/*/retries", "retry"),
            new Rule("POST", "/engine-rest/job/retries", "retry"),
            new Rule("PUT", "/engine-rest/external-task/*/retries", "retry"),
            new Rule("PUT", "/engine-rest/external-task/retries", "retry"),
            new Rule("POST", "/engine-rest/external-task/retries-async", "retry"),
            new Rule("POST", "/engine-rest/job/*/execute", "retry"),
            new Rule("POST", "/api/v1/incidents/**", "retry"),
            new Rule("*", "/api/v1/users/**", "manage-users"),
            new Rule("*", "/api/v1/users", "manage-users"),
            new Rule("*", "/engine-rest/user/**", "manage-users"),
            new Rule("*", "/engine-rest/group/**", "manage-users"),
            new Rule("*", "/engine-rest/authorization/**", "manage-authorizations"),
            new Rule("*", "/api/v1/worker-tokens/**", "manage-worker-tokens"),
            new Rule("*", "/api/v1/worker-tokens", "manage-worker-tokens"));

    private final AuditLog auditLog;
    private final Clock clock;

    public AuditTrail(AuditLog auditLog, Clock clock) {
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** The action a request performs, if it is one the audit log records. */
    public static Optional<String> actionOf(String method, String path) {
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return Optional.empty();
        }
        String normalized = path;
        if (PATHS.matchStart(WEBAPP_ENGINE_API + "/**", path)) {
            String[] parts = path.split("/", 7);
            normalized = "/engine-rest" + (parts.length > 6 ? "/" + parts[6] : "");
        }
        for (Rule rule : RULES) {
            if ((rule.method().equals("*") || rule.method().equals(method))
                    && PATHS.match(rule.pattern(), normalized)) {
                return Optional.of(rule.action());
            }
        }
        return Optional.empty();
    }

    /** The API caller, or the webapp user of the request's session. */
    private static String actor(HttpServletRequest request) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken)) {
            return caller.getName();
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            Authentications webapp = AuthenticationUtil.getAuthsFromSession(session);
            if (webapp != null && !webapp.getAuthentications().isEmpty()) {
                return webapp.getAuthentications().get(0).getName();
            }
        }
        return "anonymous";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> action = actionOf(request.getMethod(), request.getRequestURI());
        if (action.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            String actor = actor(request);
            try {
                auditLog.append(new AuditLog.Entry(
                        clock.instant(),
                        actor,
                        action.get(),
                        request.getMethod(),
                        request.getRequestURI(),
                        response.getStatus(),
                        request.getRemoteAddr()));
            } catch (RuntimeException e) {
                log.error(
                        "CF-AUDIT-001 could not record {} {} by {}: {}",
                        request.getMethod(),
                        request.getRequestURI(),
                        actor,
                        e.toString());
            }
        }
    }
}

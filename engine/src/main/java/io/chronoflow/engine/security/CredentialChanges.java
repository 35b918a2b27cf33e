package io.chronoflow.engine.security;

import io.chronoflow.engine.audit.AuditTrail;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * After a request that manages users, groups, authorizations or worker tokens (through {@code /api/v1}, {@code
 * /engine-rest} or the webapps), makes this node check every credential afresh: a revoked token or a changed password
 * stops working here at once, whatever the request's outcome.
 */
final class CredentialChanges extends OncePerRequestFilter {

    private static final Set<String> ACTIONS = Set.of("manage-users", "manage-authorizations", "manage-worker-tokens");

    private final EngineUserAuthenticationProvider users;

    CredentialChanges(EngineUserAuthenticationProvider users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean changes = AuditTrail.actionOf(request.getMethod(), request.getRequestURI())
                .filter(ACTIONS::contains)
                .isPresent();
        try {
            chain.doFilter(request, response);
        } finally {
            if (changes) {
                users.forgetCheckedCredentials();
            }
        }
    }
}

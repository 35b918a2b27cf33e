package io.chronoflow.engine.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the authenticated caller to the engine for the length of the request, so that the engine's authorization checks
 * and its user operation log see who acted.
 */
public class EngineIdentityFilter extends OncePerRequestFilter {

    private final IdentityService identityService;

    public EngineIdentityFilter(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !caller.isAuthenticated() || caller.getPrincipal() instanceof WorkerPrincipal) {
            // Workers are not engine users: the URL rules confine them to the external-task calls, which the engine
            // then serves without per-user authorization checks.
            chain.doFilter(request, response);
            return;
        }
        List<String> groups = caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(Roles.GROUP_PREFIX))
                .map(a -> a.substring(Roles.GROUP_PREFIX.length()))
                .toList();
        identityService.setAuthentication(caller.getName(), groups);
        try {
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }
}

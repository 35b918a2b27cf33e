package io.chronoflow.engine.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer cfw.<id>.<secret>} worker tokens (see {@link WorkerTokens}). A bearer
 * credential that is not a valid worker token is answered 401 at once; requests without one pass on to HTTP Basic.
 */
final class WorkerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AuthenticationManager authentication;
    private final SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
    private final ProblemResponses problems;

    WorkerTokenFilter(AuthenticationManager authentication, ProblemResponses problems) {
        this.authentication = authentication;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<WorkerTokens.Presented> token =
                WorkerTokens.Presented.parse(header.substring(BEARER.length()).strip());
        try {
            if (token.isEmpty()) {
                throw new BadCredentialsException("not a Chronoflow worker token");
            }
            Authentication worker = authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                    token.get().id(), token.get().secret()));
            if (!(worker.getPrincipal() instanceof WorkerPrincipal)) {
                throw new BadCredentialsException("bearer tokens are worker tokens");
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(worker);
            SecurityContextHolder.setContext(context);
            // Kept for the request's async dispatches (the long-polling fetch), as HTTP Basic's filter does.
            contexts.saveContext(context, request, response);
        } catch (AuthenticationException e) {
            SecurityContextHolder.clearContext();
            problems.commence(request, response, e);
            return;
        }
        chain.doFilter(request, response);
    }
}

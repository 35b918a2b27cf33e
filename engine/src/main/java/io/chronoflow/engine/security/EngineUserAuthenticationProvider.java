package io.chronoflow.engine.security;

import io.chronoflow.engine.config.ChronoflowProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks credentials against the engine's identity service, the same users (hashed passwords, login-attempt
 * throttling) that the Camunda webapps log in with. A person gets {@code ROLE_USER}, a {@code ROLE_<role>} for each
 * role group it is in and its engine groups as {@code GROUP_<id>}; a member of the {@code workers} group (a worker
 * token) gets {@code ROLE_WORKER} alone, with its topic limit as a {@link WorkerPrincipal}.
 */
@Component
public class EngineUserAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(EngineUserAuthenticationProvider.class);

    private final IdentityService identityService;
    private final WorkerTokens workerTokens;
    private final CredentialCache checked;

    public EngineUserAuthenticationProvider(
            IdentityService identityService, WorkerTokens workerTokens, ChronoflowProperties properties) {
        this.identityService = identityService;
        this.workerTokens = workerTokens;
        this.checked = new CredentialCache(properties.security().credentialCache());
    }

    /** Users, groups, authorizations or worker tokens changed: check every credential again. */
    public void forgetCheckedCredentials() {
        checked.forgetAll();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object password = authentication.getCredentials();
        if (user != null && password != null) {
            Optional<Authentication> known = checked.get(user, password.toString());
            if (known.isPresent()) {
                return known.get();
            }
        }
        Authentication authenticated = check(user, password);
        checked.put(user, password.toString(), authenticated);
        return authenticated;
    }

    private Authentication check(String user, Object password) {
        if (user == null
                || user.isBlank()
                || password == null
                || !identityService.checkPassword(user, password.toString())) {
            // Never the password; the engine itself delays the user's next attempts (see docs/security.md).
            log.warn("CF-SEC-001 refused credentials for user '{}'", user == null ? "" : user.strip());
            throw new BadCredentialsException("wrong user or password");
        }
        List<Group> groups =
                identityService.createGroupQuery().groupMember(user).list();
        if (groups.stream().anyMatch(g -> Roles.WORKER_GROUP.equals(g.getId()))) {
            return UsernamePasswordAuthenticationToken.authenticated(
                    new WorkerPrincipal(user, workerTokens.topicsOf(user)),
                    null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + Roles.WORKER)));
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + Roles.USER));
        for (Group group : groups) {
            authorities.add(new SimpleGrantedAuthority(Roles.GROUP_PREFIX + group.getId()));
            Roles.ofGroup(group.getId())
                    .ifPresent(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.role())));
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

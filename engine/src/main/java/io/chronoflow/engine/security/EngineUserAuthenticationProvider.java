package io.chronoflow.engine.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks HTTP Basic credentials against the engine's identity service, the same users (hashed passwords, login-attempt
 * throttling) that the Camunda webapps log in with. The user's engine groups become {@code GROUP_<id>} authorities.
 */
@Component
public class EngineUserAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;

    public EngineUserAuthenticationProvider(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object password = authentication.getCredentials();
        if (user == null
                || user.isBlank()
                || password == null
                || !identityService.checkPassword(user, password.toString())) {
            throw new BadCredentialsException("wrong user or password");
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + Roles.USER));
        for (Group group : identityService.createGroupQuery().groupMember(user).list()) {
            authorities.add(new SimpleGrantedAuthority(Roles.GROUP_PREFIX + group.getId()));
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

package io.chronoflow.engine.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The credential of workers that run inside this engine process (the demo worker). It is made up at start, lives only
 * in memory and grants the worker role, so an in-process worker talks to {@code /engine-rest} exactly as an external
 * one does without any stored secret.
 */
@Component
public class InternalWorkerCredentials implements AuthenticationProvider {

    /** Not a valid engine user id (the engine allows only letters and digits), so it never collides with a real user. */
    public static final String USERNAME = "chronoflow-internal-worker";

    private final String password;

    public InternalWorkerCredentials() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        this.password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return password;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!USERNAME.equals(authentication.getName())) {
            return null; // someone else's credential: let the next provider decide
        }
        Object given = authentication.getCredentials();
        if (given != null
                && MessageDigest.isEqual(
                        password.getBytes(StandardCharsets.UTF_8),
                        given.toString().getBytes(StandardCharsets.UTF_8))) {
            return UsernamePasswordAuthenticationToken.authenticated(
                    new WorkerPrincipal(USERNAME, Set.of()),
                    null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + Roles.WORKER)));
        }
        return null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

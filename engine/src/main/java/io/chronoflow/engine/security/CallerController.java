package io.chronoflow.engine.security;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/me}: who the caller is and which role it holds, so that a client such as the jobs console offers
 * only what that role may do. Any user may ask (a user in no role group too); the answer grants nothing, every other
 * call is still checked on its own.
 */
@RestController
@RequestMapping("/api/v1/me")
public class CallerController {

    /**
     * @param id the user id the credentials belong to.
     * @param role the user's highest role: {@code admin}, {@code operator} or {@code viewer}; absent for a user in no
     *     role group.
     */
    public record Caller(String id, String role) {}

    @GetMapping
    public Caller me(Authentication caller) {
        Set<String> authorities = caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        // Roles lists the highest role first; the authorities are the user's own groups, not the hierarchy's closure.
        String role = Arrays.stream(Roles.values())
                .filter(r -> authorities.contains("ROLE_" + r.role()))
                .map(Roles::id)
                .findFirst()
                .orElse(null);
        return new Caller(caller.getName(), role);
    }
}

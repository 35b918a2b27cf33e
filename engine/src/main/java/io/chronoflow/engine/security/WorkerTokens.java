package io.chronoflow.engine.security;

import io.chronoflow.engine.api.NotFoundException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Worker tokens: credentials that let a worker fetch and report external tasks and nothing else. A token is {@code
 * cfw.<id>.<secret>}; the id is an engine user in the {@code workers} group whose password is the secret, so it is
 * stored hashed and salted by the engine and throttled on wrong guesses like any login; its topic limit and creation
 * time are that user's info entries. Revoking deletes the user. The secret is shown once, when issued.
 */
@Component
public class WorkerTokens {

    /** What every token starts with. */
    public static final String PREFIX = "cfw.";

    private static final String TOPICS = "chronoflow.topics";
    private static final String CREATED = "chronoflow.created";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityService identity;

    public WorkerTokens(IdentityService identity) {
        this.identity = identity;
    }

    /** A token as listed: never its secret. */
    public record TokenView(String id, String name, List<String> topics, Instant created) {}

    /** A freshly issued token, with the secret the caller must keep. */
    public record IssuedToken(String id, String name, List<String> topics, Instant created, String token) {}

    /** The id and secret of a presented token, or empty when it is not shaped like one. */
    record Presented(String id, String secret) {
        static Optional<Presented> parse(String token) {
            if (token == null || !token.startsWith(PREFIX)) {
                return Optional.empty();
            }
            String rest = token.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new Presented(rest.substring(0, dot), rest.substring(dot + 1)));
        }
    }

    public IssuedToken issue(String name, List<String> topics) {
        String id = "w" + HexFormat.of().formatHex(bytes(8));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
        Instant created = Instant.now();
        User user = identity.newUser(id);
        user.setFirstName("worker token");
        user.setLastName(name);
        user.setPassword(secret);
        identity.saveUser(user);
        identity.createMembership(id, Roles.WORKER_GROUP);
        List<String> sorted = List.copyOf(new TreeSet<>(topics));
        identity.setUserInfo(id, TOPICS, String.join(",", sorted));
        identity.setUserInfo(id, CREATED, created.toString());
        return new IssuedToken(id, name, sorted, created, PREFIX + id + "." + secret);
    }

    public List<TokenView> list() {
        List<TokenView> tokens = new ArrayList<>();
        for (User user : identity.createUserQuery()
                .memberOfGroup(Roles.WORKER_GROUP)
                .orderByUserId()
                .asc()
                .list()) {
            String created = identity.getUserInfo(user.getId(), CREATED);
            tokens.add(new TokenView(
                    user.getId(),
                    user.getLastName(),
                    List.copyOf(topicsOf(user.getId())),
                    created == null ? null : Instant.parse(created)));
        }
        return tokens;
    }

    public void revoke(String id) {
        if (!isWorker(id)) {
            throw new NotFoundException("no worker token '" + id + "'");
        }
        identity.deleteUser(id);
    }

    /** True when {@code userId} is a worker credential rather than a person. */
    boolean isWorker(String userId) {
        return identity.createUserQuery()
                        .userId(userId)
                        .memberOfGroup(Roles.WORKER_GROUP)
                        .count()
                > 0;
    }

    /** The topics the credential is limited to; empty for every topic. */
    Set<String> topicsOf(String userId) {
        String topics = identity.getUserInfo(userId, TOPICS);
        if (topics == null || topics.isBlank()) {
            return Set.of();
        }
        return new TreeSet<>(Arrays.asList(topics.split(",")));
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}

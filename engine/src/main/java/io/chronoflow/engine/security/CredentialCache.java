package io.chronoflow.engine.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.core.Authentication;

/**
 * Remembers credentials that were checked successfully, for a short time, so that a worker's many requests a second do
 * not each cost a password check and a group query in the engine's database (two transactions per request).
 *
 * <p>Only successes are kept, keyed by the user and an HMAC of the password under a key that lives in this process
 * alone, so neither the password nor anything that verifies it outside this process is held. Wrong passwords always
 * reach the engine (and its login throttling). A changed password, a revoked worker token or a changed role is honoured
 * at once by the node that made the change ({@link #forgetAll()}), and by the other nodes within the time to live.
 */
final class CredentialCache {

    private static final String HMAC = "HmacSHA256";
    private static final int MAX_ENTRIES = 10_000;

    private final Cache<String, Authentication> checked;
    private final SecretKeySpec key;

    /** @param timeToLive how long a checked credential is trusted; zero turns the cache off. */
    CredentialCache(Duration timeToLive) {
        this.checked = timeToLive.isZero() || timeToLive.isNegative()
                ? null
                : Caffeine.newBuilder()
                        .expireAfterWrite(timeToLive)
                        .maximumSize(MAX_ENTRIES)
                        .build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
    }

    Optional<Authentication> get(String user, String password) {
        return checked == null ? Optional.empty() : Optional.ofNullable(checked.getIfPresent(keyOf(user, password)));
    }

    void put(String user, String password, Authentication authentication) {
        if (checked != null) {
            checked.put(keyOf(user, password), authentication);
        }
    }

    /** Forgets every credential: users, groups, authorizations or worker tokens changed. */
    void forgetAll() {
        if (checked != null) {
            checked.invalidateAll();
        }
    }

    private String keyOf(String user, String password) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            byte[] digest = mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
            return user + '\u0000' + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}

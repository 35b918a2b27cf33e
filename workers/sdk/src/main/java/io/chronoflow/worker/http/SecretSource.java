package io.chronoflow.worker.http;

import java.util.Map;
import java.util.Optional;

/**
 * Where the secrets that HTTP tasks reference as {@code ${secret:NAME}} come from. Models name a secret, never hold its
 * value; the worker resolves the name when it makes the call. By default that is the worker's environment variable
 * {@code CHRONOFLOW_SECRET_<NAME>} ({@link #environment()}).
 */
@FunctionalInterface
public interface SecretSource {

    /** The prefix of the environment variables {@link #environment()} reads. */
    String ENVIRONMENT_PREFIX = "CHRONOFLOW_SECRET_";

    /** The value of the secret {@code name}; empty when this source has none (or only an empty value). */
    Optional<String> secret(String name);

    /** Where the secret {@code name} would come from, for the message of a failure when it is missing. */
    default String origin(String name) {
        return "secret '" + name + "'";
    }

    /** The worker's environment: {@code ${secret:FN_TOKEN}} is the variable {@code CHRONOFLOW_SECRET_FN_TOKEN}. */
    static SecretSource environment() {
        return new SecretSource() {
            @Override
            public Optional<String> secret(String name) {
                return Optional.ofNullable(System.getenv(ENVIRONMENT_PREFIX + name))
                        .filter(s -> !s.isEmpty());
            }

            @Override
            public String origin(String name) {
                return "secret '" + name + "' (environment variable " + ENVIRONMENT_PREFIX + name + " of the worker)";
            }
        };
    }

    /** Fixed secrets, e.g. from a vault client or in tests. */
    static SecretSource of(Map<String, String> secrets) {
        Map<String, String> copy = Map.copyOf(secrets);
        return name -> Optional.ofNullable(copy.get(name)).filter(s -> !s.isEmpty());
    }
}

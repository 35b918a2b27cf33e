package io.chronoflow.bench.camunda;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the client role sets up the official external-task client(s), from {@code CAMUNDA_PEER_*} variables; an unset
 * variable means the client's own default, so that {@code camunda} runs the client as shipped but for what it sets.
 *
 * @param baseUrl {@value #BASE_URL}: the engine's {@code /engine-rest} URL (required).
 * @param topic {@value #TOPIC}: the one topic subscribed to; default {@value #DEFAULT_TOPIC}.
 * @param clients {@value #CLIENTS}: how many clients run side by side in the process, each with its own HTTP
 *     connection pool and fetch thread (handlers run one by one on that thread); default 1.
 * @param maxTasks {@value #MAX_TASKS}: tasks per fetch and lock, per client; default the client's 10.
 * @param lockDuration {@value #LOCK_DURATION}: ISO-8601 (PT20S); default the client's 20 s.
 * @param asyncResponseTimeout {@value #ASYNC_RESPONSE_TIMEOUT}: ISO-8601, how long a fetch waits at the engine for
 *     tasks (long polling); empty (unset or {@code none}) is the client's default: no long polling.
 * @param backoff {@value #BACKOFF}: {@code exponential} (the client's default: after an empty fetch wait 500 ms,
 *     doubling to 60 s) or {@code none} (fetch again at once, as the docs advise with long polling).
 */
public record ClientSettings(
        String baseUrl,
        String topic,
        int clients,
        int maxTasks,
        Duration lockDuration,
        Optional<Duration> asyncResponseTimeout,
        boolean backoff) {

    public static final String BASE_URL = "CAMUNDA_PEER_BASE_URL";
    public static final String TOPIC = "CAMUNDA_PEER_TOPIC";
    public static final String CLIENTS = "CAMUNDA_PEER_CLIENTS";
    public static final String MAX_TASKS = "CAMUNDA_PEER_MAX_TASKS";
    public static final String LOCK_DURATION = "CAMUNDA_PEER_LOCK_DURATION";
    public static final String ASYNC_RESPONSE_TIMEOUT = "CAMUNDA_PEER_ASYNC_RESPONSE_TIMEOUT";
    public static final String BACKOFF = "CAMUNDA_PEER_BACKOFF";

    public static final String DEFAULT_TOPIC = "bench-drain";
    /** The client's default tasks per fetch ({@code ExternalTaskClientBuilderImpl}), named for "as shipped". */
    public static final int DEFAULT_MAX_TASKS = 10;

    public static final Duration DEFAULT_LOCK_DURATION = Duration.ofSeconds(20);

    /** Checks every setting at once; the message names each variable that is wrong. */
    public static ClientSettings fromEnv(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String baseUrl = env.getOrDefault(BASE_URL, "");
        if (baseUrl.isBlank()) {
            problems.add(BASE_URL + " is required (the engine's /engine-rest URL)");
        }
        String topic = env.getOrDefault(TOPIC, DEFAULT_TOPIC);
        int clients = positive(env, CLIENTS, 1, problems);
        int maxTasks = positive(env, MAX_TASKS, DEFAULT_MAX_TASKS, problems);
        Duration lock = duration(env, LOCK_DURATION, problems).orElse(DEFAULT_LOCK_DURATION);
        Optional<Duration> asyncTimeout = "none".equals(env.get(ASYNC_RESPONSE_TIMEOUT))
                ? Optional.empty()
                : duration(env, ASYNC_RESPONSE_TIMEOUT, problems);
        String backoff = env.getOrDefault(BACKOFF, "exponential");
        if (!backoff.equals("exponential") && !backoff.equals("none")) {
            problems.add(BACKOFF + " must be exponential or none, not '" + backoff + "'");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("client settings: " + String.join("; ", problems));
        }
        return new ClientSettings(baseUrl, topic, clients, maxTasks, lock, asyncTimeout, backoff.equals("exponential"));
    }

    private static int positive(Map<String, String> env, String name, int fallback, List<String> problems) {
        String value = env.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + " needs a positive whole number, not '" + value + "'");
        return fallback;
    }

    private static Optional<Duration> duration(Map<String, String> env, String name, List<String> problems) {
        String value = env.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            Duration d = Duration.parse(value.trim());
            if (!d.isNegative() && !d.isZero()) {
                return Optional.of(d);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problems.add(name + " needs a positive ISO-8601 duration such as PT20S, not '" + value + "'");
        return Optional.empty();
    }
}
